import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';

/**
 * What each member of the team may do, from least to most:
 * - writer: compose, preview and test-send to their own address;
 * - editor: also send, pause, cancel, schedule, import, and look up, suppress, export or erase readers;
 * - admin: also the team, the audit log and the queues' board.
 */
export const EDITOR_ROLES = ['writer', 'editor', 'admin'] as const;
export type EditorRole = (typeof EDITOR_ROLES)[number];

const MIN_ROLE = 'newsroom:min-role';

/** The least role a route needs. Every guarded route must say (a route that does not refuses everyone). */
export const MinRole = (role: EditorRole) => SetMetadata(MIN_ROLE, role);

export const isEditorRole = (value: unknown): value is EditorRole => typeof value === 'string' && (EDITOR_ROLES as readonly string[]).includes(value);

export function mayAct(role: EditorRole, needed: EditorRole): boolean {
  return EDITOR_ROLES.indexOf(role) >= EDITOR_ROLES.indexOf(needed);
}

/** The role a handler (or its controller) asks for; undefined when it names none. */
export function roleNeeded(reflector: Reflector, context: ExecutionContext): EditorRole | undefined {
  return reflector.getAllAndOverride<EditorRole | undefined>(MIN_ROLE, [context.getHandler(), context.getClass()]);
}

/** A writer's tests go to their own address only; editors and admins may name up to ten. */
export function mayTestTo(editor: { role: EditorRole; email: string }, to: string[]): boolean {
  return editor.role !== 'writer' || to.every((address) => address.trim().toLowerCase() === editor.email);
}

export const OWN_ADDRESS_ONLY = { field: 'to', message: 'As a writer you can send tests to your own address only' };
