import { describe, expect, it } from 'vitest';
import { Playlist, type Slide } from '../../src/scripts/slideshow/playlist.ts';

const guest = (name: string): Slide => ({ id: `guest:party/${name}`, src: `/${name}.webp` });
const post = (id: string): Slide => ({ id: `instagram:${id}`, src: `/${id}.webp` });
const ids = (slides: (Slide | undefined)[]) => slides.map((slide) => slide?.id);
const advance = (playlist: Playlist, times: number) =>
  ids(Array.from({ length: times }, () => playlist.next()));

describe('the slideshow playlist', () => {
  it('goes round the built photos in order, forwards and back', () => {
    const playlist = new Playlist([guest('a'), post('1'), guest('b')]);
    expect(advance(playlist, 4)).toEqual([
      'guest:party/a',
      'instagram:1',
      'guest:party/b',
      'guest:party/a',
    ]);
    expect(playlist.previous()?.id).toBe('guest:party/b');
    expect(playlist.previous()?.id).toBe('instagram:1');
    expect(playlist.next()?.id).toBe('guest:party/b');
  });

  it('shows a newly approved photo next, then carries on where the rotation was', () => {
    const playlist = new Playlist([guest('a'), guest('b'), guest('c')]);
    advance(playlist, 2); // a, b
    expect(playlist.update([guest('a'), guest('b'), guest('c'), guest('new')])).toBe(1);
    expect(playlist.waiting).toBe(1);
    expect(advance(playlist, 4)).toEqual([
      'guest:party/new',
      'guest:party/c',
      'guest:party/new', // it has joined the rotation at the end
      'guest:party/a',
    ]);
    expect(playlist.waiting).toBe(0);
  });

  it('shows several arrivals in the order they came, and a repeated list adds nothing', () => {
    const playlist = new Playlist([guest('a')]);
    playlist.next();
    playlist.update([guest('a'), guest('x')]);
    playlist.update([guest('a'), guest('x'), guest('y')]);
    expect(playlist.update([guest('a'), guest('x'), guest('y')])).toBe(0);
    // After the arrivals, the rotation goes on after a: x and y have joined it there.
    expect(advance(playlist, 4)).toEqual([
      'guest:party/x',
      'guest:party/y',
      'guest:party/x',
      'guest:party/y',
    ]);
  });

  it('drops guest photos the server no longer lists (un-approved), but keeps Instagram posts', () => {
    const playlist = new Playlist([guest('a'), post('1'), guest('b'), guest('c')]);
    advance(playlist, 3); // a, 1, b: b is on screen
    playlist.update([guest('a'), guest('c')]);
    expect(playlist.size).toBe(3);
    // b left while on screen: the rotation carries on with the photo after it.
    expect(advance(playlist, 3)).toEqual(['guest:party/c', 'guest:party/a', 'instagram:1']);
  });

  it('starts empty and shows the first arrival', () => {
    const playlist = new Playlist([]);
    expect(playlist.next()).toBeUndefined();
    expect(playlist.previous()).toBeUndefined();
    playlist.update([guest('first')]);
    expect(playlist.next()?.id).toBe('guest:party/first');
    expect(playlist.next()?.id).toBe('guest:party/first');
  });

  it('keeps only the newest photos past its limit, and forgets arrivals that fell out', () => {
    const playlist = new Playlist([guest('a'), guest('b'), guest('c')], 3);
    playlist.next();
    const arrivals = Array.from({ length: 5 }, (_, i) => guest(`n${i}`));
    playlist.update([guest('a'), guest('b'), guest('c'), ...arrivals]);
    expect(playlist.size).toBe(3);
    expect(playlist.waiting).toBe(3);
    expect(advance(playlist, 4)).toEqual([
      'guest:party/n2',
      'guest:party/n3',
      'guest:party/n4',
      'guest:party/n2',
    ]);
  });

  it('past its limit, takes only the newest of a long list: the photos it let go do not come back', () => {
    const playlist = new Playlist([], 3);
    const approved = Array.from({ length: 5 }, (_, i) => guest(`p${i}`));
    expect(playlist.update(approved)).toBe(3);
    expect(playlist.update([...approved, guest('p5')])).toBe(1);
    expect(playlist.update([...approved, guest('p5')])).toBe(0);
    // p2 fell out before it was shown: the three newest, then round again.
    expect(advance(playlist, 4)).toEqual([
      'guest:party/p3',
      'guest:party/p4',
      'guest:party/p5',
      'guest:party/p3',
    ]);
  });

  it('stays bounded over many hours of arrivals', () => {
    const playlist = new Playlist([guest('a')], 50);
    const approved = [guest('a')];
    for (let i = 0; i < 5000; i++) {
      approved.push(guest(`p${i}`));
      playlist.update(approved.slice(-200));
      playlist.next();
    }
    expect(playlist.size).toBeLessThanOrEqual(50);
    expect(playlist.waiting).toBeLessThanOrEqual(50);
  });
});
