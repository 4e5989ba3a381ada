import { areaOf, areasFor, homeFor, mayOpen } from './roles';

describe('role to area routing', () => {
  it('sends each role to its own home', () => {
    expect(homeFor(['appellant'])).toBe('/my');
    expect(homeFor(['moderator'])).toBe('/moderator');
    expect(homeFor(['senior-moderator'])).toBe('/moderator');
    expect(homeFor(['policy-expert'])).toBe('/review');
    expect(homeFor(['policy-admin'])).toBe('/policy');
    expect(homeFor(['auditor'])).toBe('/audit');
    expect(homeFor(['platform'])).toBe('/not-allowed');
    expect(homeFor([])).toBe('/not-allowed');
  });

  it('keeps appellants out of the consoles', () => {
    expect(mayOpen('moderator', ['appellant'])).toBe(false);
    expect(mayOpen('audit', ['appellant'])).toBe(false);
    expect(mayOpen('my', ['appellant'])).toBe(true);
  });

  it('gives a senior moderator the queues and the escalations', () => {
    expect(areasFor(['senior-moderator'])).toEqual(['moderator', 'review']);
    expect(areasFor(['policy-expert'])).toEqual(['review', 'policy']);
    expect(areasFor(['auditor'])).toEqual(['audit', 'policy']);
  });

  it('finds the area of a path', () => {
    expect(areaOf('/moderator/items/42')).toBe('moderator');
    expect(areaOf('/my/appeals/1')).toBe('my');
    expect(areaOf('/')).toBeNull();
    expect(areaOf('/not-allowed')).toBeNull();
  });
});
