import { Command, CommandRunner, Option } from 'nest-commander';
import { EDITOR_ROLES, EditorRole, isEditorRole } from '../editors/editor-roles';
import { EditorsService } from '../editors/editors.service';

@Command({ name: 'editor:create', arguments: '<email>', description: 'Create an editor (an admin unless --role says otherwise) and print their API token (shown once)' })
export class EditorCreateCommand extends CommandRunner {
  constructor(private readonly editors: EditorsService) {
    super();
  }

  async run([email]: string[], options: { role?: EditorRole } = {}): Promise<void> {
    const { editor, token } = await this.editors.create(email, options.role ?? 'admin');
    process.stdout.write(`Editor ${editor.email} created as ${editor.role}. Their token (shown once, only its hash is kept):\n${token}\n`);
  }

  @Option({ flags: '--role <role>', description: `what they may do: ${EDITOR_ROLES.join(', ')} (default admin)` })
  role(value: string): EditorRole {
    if (!isEditorRole(value)) throw new Error(`--role must be one of ${EDITOR_ROLES.join(', ')} (got ${JSON.stringify(value)})`);
    return value;
  }
}

@Command({ name: 'editor:revoke', arguments: '<email>', description: "Revoke an editor's token" })
export class EditorRevokeCommand extends CommandRunner {
  constructor(private readonly editors: EditorsService) {
    super();
  }

  async run([email]: string[]): Promise<void> {
    const revoked = await this.editors.revoke(email);
    process.stdout.write(revoked ? `Revoked ${email}\n` : `No active editor ${email}\n`);
    if (!revoked) process.exitCode = 1;
  }
}
