import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { FieldError, InvalidInputError } from './domain-errors';

/** Every 400 the service gives names the field at fault: `{"errors": [{"field", "message"}]}`. */
export type { FieldError } from './domain-errors';

export class FieldErrorsException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({ errors });
  }
}

function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).slice(0, 1).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field)];
  });
}

/** Validates a request body against a DTO without throwing, for forms that re-render with errors. */
export async function validateBody<T extends object>(
  dto: new () => T,
  body: unknown,
): Promise<{ value: T; errors: FieldError[] }> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { value: new dto(), errors: [{ field: 'body', message: 'The request body must be a JSON object' }] };
  }
  const value = plainToInstance(dto, body);
  // Constraints run in declaration order, closest to the property first; the first failure is
  // the one a person can act on ("Choose at least one newsletter", not "Unknown newsletter").
  const errors = await validate(value, { whitelist: true, forbidUnknownValues: true, stopAtFirstError: true });
  return { value, errors: toFieldErrors(errors) };
}

/** For JSON endpoints: the DTO is validated and transformed, or the request answered 400. */
export const jsonValidationPipe = new ValidationPipe({
  transform: true,
  whitelist: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  exceptionFactory: (errors) => new FieldErrorsException(toFieldErrors(errors)),
});

/** The field errors a door can show beside the form's fields: a service's InvalidInputError or a door's own FieldErrorsException; null for anything else. */
export function fieldErrorsOf(error: unknown): FieldError[] | null {
  if (error instanceof FieldErrorsException || error instanceof InvalidInputError) return error.errors;
  return null;
}
