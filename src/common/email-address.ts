import { registerDecorator, ValidationOptions } from 'class-validator';

export type EmailCheck = { ok: true; email: string } | { ok: false; message: string };

// A dot-atom local part only: quoted local parts ("a b"@x), comments and IP-literal domains are
// legal in RFC 5322 but are never what a reader means, and they are how header injection and
// address-confusion tricks get in.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const TOP_LEVEL = /^([a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Trims and lower-cases an address, and accepts only an ordinary deliverable address. */
export function normaliseEmail(input: unknown): EmailCheck {
  if (typeof input !== 'string' || input.trim() === '') return { ok: false, message: 'Enter your email address' };
  const email = input.trim().toLowerCase();
  const invalid: EmailCheck = { ok: false, message: 'Enter a valid email address, like name@example.com' };
  if (email.length > 254) return { ok: false, message: 'An email address can be at most 254 characters' };
  if (/[\s\u0000-\u001f\u007f]/.test(email)) return invalid;
  const at = email.lastIndexOf('@');
  if (at < 1) return invalid;
  const local = email.slice(0, at);
  const labels = email.slice(at + 1).split('.');
  if (local.length > 64 || !LOCAL_PART.test(local)) return invalid;
  if (labels.length < 2 || !labels.every((label) => DOMAIN_LABEL.test(label))) return invalid;
  if (!TOP_LEVEL.test(labels[labels.length - 1])) return invalid;
  return { ok: true, email };
}

/** An ordinary deliverable address (see normaliseEmail); the message says what is wrong. */
export function IsEmailAddress(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => normaliseEmail(value).ok,
        defaultMessage: (args) => {
          const result = normaliseEmail(args?.value);
          return result.ok ? '' : result.message;
        },
      },
    });
}
