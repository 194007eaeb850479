import { suppressionReasonProblem } from './suppression.service';

describe("an editor's reason to suppress a reader", () => {
  it('is required, and blank is not a reason', () => {
    expect(suppressionReasonProblem(undefined)).toBe('Reason: say why, for the record');
    expect(suppressionReasonProblem('   ')).toBe('Reason: say why, for the record');
    expect(suppressionReasonProblem(['asked by phone'])).toBe('Reason: say why, for the record');
  });

  it('is kept to 1,000 characters', () => {
    expect(suppressionReasonProblem('x'.repeat(1001))).toBe('Reason: at most 1,000 characters');
    expect(suppressionReasonProblem(` ${'x'.repeat(1000)} `)).toBeNull();
  });
});
