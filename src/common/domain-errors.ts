/** A field at fault and what is wrong with it, in words a person can act on. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * What a service says went wrong, in the newsroom's words and without HTTP: the scheduler worker
 * and the CLI call the same services. The doors' error filter (http-errors.ts) gives each its status.
 */
export class NotFoundError extends Error {}

/** The thing is not in a state that allows it (an edition already sent, a reader already erased). */
export class ConflictError extends Error {}

/** Input that names its fields: 400, or 422 when it is well formed but cannot be done. */
export class InvalidInputError extends Error {
  constructor(
    readonly errors: FieldError[],
    readonly unprocessable = false,
  ) {
    super(errors.map((e) => e.message).join('. '));
  }
}
