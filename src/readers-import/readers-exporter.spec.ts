import { spreadsheetSafe } from './readers-exporter';

describe('spreadsheetSafe', () => {
  it.each(['=', '+', '-', '@', '\t', '\r'])('turns a cell starting with %j into text', (start) => {
    expect(spreadsheetSafe(`${start}cmd|'/c calc'!a0@example.com`)).toBe(`'${start}cmd|'/c calc'!a0@example.com`);
  });

  it('leaves other cells as they are', () => {
    for (const cell of ['reader@example.com', 'marketing', '2026-12-07T09:00:00.000Z', '', "o'brien@example.com", 'a=b@example.com']) expect(spreadsheetSafe(cell)).toBe(cell);
  });
});
