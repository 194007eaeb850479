import { Command, CommandRunner } from 'nest-commander';
import { EditorsService } from '../editors/editors.service';

@Command({ name: 'editor:create', arguments: '<email>', description: 'Create an editor and print their API token (shown once)' })
export class EditorCreateCommand extends CommandRunner {
  constructor(private readonly editors: EditorsService) {
    super();
  }

  async run([email]: string[]): Promise<void> {
    const { editor, token } = await this.editors.create(email);
    process.stdout.write(`Editor ${editor.email} created. Their token (shown once, only its hash is kept):\n${token}\n`);
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
