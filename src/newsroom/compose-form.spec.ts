import { addressList, chosenOrder } from './compose-form';

describe('the compose form', () => {
  it('keeps the chosen articles in the order the form posted them', () => {
    expect(chosenOrder(['7', '3', '9'], undefined)).toEqual([7, 3, 9]);
    expect(chosenOrder('4', undefined)).toEqual([4]);
    expect(chosenOrder(undefined, undefined)).toEqual([]);
  });

  it('moves one article a place up or down when its button was pressed', () => {
    expect(chosenOrder(['7', '3', '9'], 'up:3')).toEqual([3, 7, 9]);
    expect(chosenOrder(['7', '3', '9'], 'down:3')).toEqual([7, 9, 3]);
  });

  it('leaves the order alone for a move past either end or of an article not chosen', () => {
    expect(chosenOrder(['7', '3'], 'up:7')).toEqual([7, 3]);
    expect(chosenOrder(['7', '3'], 'down:3')).toEqual([7, 3]);
    expect(chosenOrder(['7', '3'], 'up:5')).toEqual([7, 3]);
  });

  it('ignores values that are not article ids, and repeats', () => {
    expect(chosenOrder(['7', 'x', '7', '-1', '12345678901'], 'sideways:7')).toEqual([7]);
  });

  it('reads test addresses separated by commas, spaces or lines', () => {
    expect(addressList('a@example.com, b@example.com\nc@example.com;d@example.com')).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
    expect(addressList(' ')).toEqual([]);
    expect(addressList(['a@example.com'])).toEqual([]);
  });
});
