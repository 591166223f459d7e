/**
 * Writes the demo guest photos in content/guest-photos/ (committed; run again only to change
 * them): generated pictures with EXIF capture times, plus each event's moderation.yaml.
 * Usage: node scripts/make-demo-photos.ts [event id …] (default: every event)
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

interface DemoPhoto {
  file: string;
  /** EXIF DateTimeOriginal as local wall-clock time; absent: a photo without EXIF. */
  taken?: string;
  offset?: string;
  portrait?: boolean;
  /** 640 × 480 instead of 1280 × 960. */
  small?: boolean;
  status: 'approved' | 'pending' | 'rejected';
  uploader?: string;
  caption?: string;
  alt?: string;
  uploadedAt?: string;
}

const EVENTS: Record<string, { hue: number; label: string; photos: DemoPhoto[] }> = {
  '2026-03-28-night-run': {
    hue: 220,
    label: 'Night Run',
    photos: [
      {
        file: 'start-line.jpg',
        taken: '2026:03:28 21:05:10',
        status: 'approved',
        uploader: 'Mia',
        caption: 'Start line, 2,000 head torches',
        alt: 'Runners with head torches at a start line at night',
      },
      { file: 'km-3.jpg', taken: '2026:03:28 21:40:00', status: 'approved', uploader: 'Jonas' },
      {
        file: 'water-stop.jpg',
        taken: '2026:03:28 22:30:45',
        portrait: true,
        status: 'approved',
        uploader: 'Lea',
        caption: 'Best volunteers 💙',
      },
      { file: 'finish.jpg', taken: '2026:03:28 23:55:00', status: 'approved', uploader: 'Mia' },
      { file: 'blurry.jpg', taken: '2026:03:28 23:58:00', status: 'rejected', uploader: 'Tom' },
      {
        file: 'after-midnight.jpg',
        taken: '2026:03:29 01:30:00',
        status: 'approved',
        uploader: 'Jonas',
        caption: 'Still dancing after midnight',
      },
      {
        file: 'sunrise.jpg',
        taken: '2026:03:29 03:20:00',
        status: 'approved',
        uploader: 'Lea',
        caption: 'Clocks went forward, nobody noticed',
      },
      { file: 'unreviewed.jpg', taken: '2026:03:29 03:40:00', status: 'pending', uploader: 'Sam' },
    ],
  },
  '2026-04-29': {
    hue: 330,
    label: 'Spring Launch',
    photos: [
      {
        file: 'doors.jpg',
        taken: '2026:04:29 17:50:00',
        status: 'approved',
        uploader: 'Ana',
        caption: 'Queue around the block',
      },
      {
        file: 'rooftop.jpg',
        taken: '2026:04:29 18:35:00',
        status: 'approved',
        uploader: 'Ben',
        alt: 'A rooftop terrace at golden hour',
      },
      {
        file: 'band.jpg',
        taken: '2026:04:29 19:10:00',
        portrait: true,
        status: 'approved',
        uploader: 'Chloé',
        caption: 'The band! 🎺',
      },
      { file: 'collection.jpg', taken: '2026:04:29 20:05:00', status: 'approved', uploader: 'Ana' },
      {
        file: 'no-exif.jpg',
        status: 'approved',
        uploader: 'Dev',
        caption: 'Sent from a chat app, no EXIF',
        uploadedAt: '2026-04-29T19:20:00Z',
      },
      { file: 'confetti.jpg', taken: '2026:04:29 22:40:00', status: 'approved', uploader: 'Ben' },
      {
        file: 'last-dance.jpg',
        taken: '2026:04:29 23:10:00',
        portrait: true,
        status: 'approved',
        uploader: 'Chloé',
      },
      { file: 'waiting.jpg', taken: '2026:04:29 23:20:00', status: 'pending', uploader: 'Eli' },
    ],
  },
  '2026-06-20-summer-festival': {
    hue: 40,
    label: 'Summer Festival',
    photos: [
      {
        file: 'ferry.jpg',
        taken: '2026:06:20 11:40:00',
        status: 'approved',
        uploader: 'Rosa',
        caption: 'On the ferry over',
      },
      { file: 'main-stage.jpg', taken: '2026:06:20 14:15:00', status: 'approved', uploader: 'Kai' },
      {
        file: 'lawn.jpg',
        taken: '2026:06:20 16:30:00',
        portrait: true,
        status: 'approved',
        uploader: 'Rosa',
      },
      {
        file: 'sunset.jpg',
        taken: '2026:06:20 20:25:00',
        status: 'approved',
        uploader: 'Noor',
        caption: 'Sunset over the harbour 🌅',
      },
      { file: 'thumb.jpg', taken: '2026:06:20 20:26:00', status: 'rejected', uploader: 'Kai' },
      { file: 'lights.jpg', taken: '2026:06:20 22:50:00', status: 'approved', uploader: 'Kai' },
    ],
  },
  '2026-06-20-afterparty': {
    hue: 280,
    label: 'Afterparty',
    photos: [
      { file: 'arrival.jpg', taken: '2026:06:20 23:20:00', status: 'approved', uploader: 'Noor' },
      {
        file: 'dj.jpg',
        taken: '2026:06:21 01:05:00',
        portrait: true,
        status: 'approved',
        uploader: 'Rosa',
        caption: 'DJ set at 1am',
      },
      { file: 'dawn.jpg', taken: '2026:06:21 04:10:00', status: 'approved', uploader: 'Noor' },
    ],
  },
  '2026-09-12-team-offsite': {
    hue: 160,
    label: 'Team Offsite',
    photos: [
      { file: 'workshop.jpg', taken: '2026:09:12 10:30:00', status: 'approved', uploader: 'Inês' },
      {
        file: 'lunch.jpg',
        taken: '2026:09:12 13:00:00',
        status: 'approved',
        uploader: 'Rui',
        caption: 'Pastéis de nata for everyone',
      },
      {
        file: 'tram.jpg',
        taken: '2026:09:12 17:20:00',
        portrait: true,
        status: 'approved',
        uploader: 'Inês',
      },
    ],
  },
  '2026-10-24-harvest-night': {
    hue: 25,
    label: 'Harvest Night',
    photos: [
      {
        file: 'tables.jpg',
        taken: '2026:10:24 19:55:00',
        status: 'approved',
        uploader: 'Paul',
        caption: 'Long tables',
      },
      { file: 'feast.jpg', taken: '2026:10:24 21:10:00', status: 'approved', uploader: 'Greta' },
      {
        file: 'dance-floor.jpg',
        taken: '2026:10:25 00:45:00',
        portrait: true,
        status: 'approved',
        uploader: 'Paul',
      },
      {
        file: 'first-230.jpg',
        taken: '2026:10:25 02:30:00',
        status: 'approved',
        uploader: 'Greta',
        caption: '2:30, the first time',
      },
      {
        file: 'second-230.jpg',
        taken: '2026:10:25 02:30:00',
        offset: '+01:00',
        status: 'approved',
        uploader: 'Paul',
        caption: '2:30 again, after the clocks went back',
      },
    ],
  },
  // Private (content/events/2026-11-08-board-dinner.yaml): never in the static output.
  '2026-11-08-board-dinner': {
    hue: 300,
    label: 'Board Dinner',
    photos: [
      {
        file: 'toast.jpg',
        taken: '2026:11:08 20:15:00',
        small: true,
        status: 'approved',
        uploader: 'Ines',
        caption: 'The toast',
      },
      {
        file: 'dessert.jpg',
        taken: '2026:11:08 21:40:00',
        small: true,
        status: 'approved',
        uploader: 'Karl',
      },
    ],
  },
};

const root = path.resolve(import.meta.dirname, '..');

const only = process.argv.slice(2);
for (const [eventId, event] of Object.entries(EVENTS)) {
  if (only.length > 0 && !only.includes(eventId)) continue;
  const dir = path.join(root, 'content/guest-photos', eventId);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  for (const [index, photo] of event.photos.entries()) {
    await writeFile(
      path.join(dir, photo.file),
      await render(event.hue + index * 17, `${event.label}`, photo),
    );
  }
  await writeFile(path.join(dir, 'moderation.yaml'), moderationYaml(event.photos));
  console.log(`${eventId}: ${event.photos.length} photos`);
}

async function render(hue: number, label: string, photo: DemoPhoto): Promise<Buffer> {
  const scale = photo.small ? 0.5 : 1;
  const [width, height] = photo.portrait
    ? [960 * scale, 1280 * scale]
    : [1280 * scale, 960 * scale];
  const time = photo.taken ? photo.taken.slice(11, 16) : 'no EXIF';
  const circles = Array.from({ length: 9 }, (_, i) => {
    const x = (i * 137 + hue * 3) % width;
    const y = (i * 211 + hue * 5) % height;
    return `<circle cx="${x}" cy="${y}" r="${60 + ((i * 53) % 140)}" fill="hsl(${(hue + i * 25) % 360} 90% 75%)" opacity="0.35"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue % 360} 70% 35%)"/><stop offset="1" stop-color="hsl(${(hue + 60) % 360} 70% 15%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${circles}
    <text x="50%" y="46%" text-anchor="middle" font-family="sans-serif" font-size="${width / 12}" font-weight="700" fill="white">${label}</text>
    <text x="50%" y="58%" text-anchor="middle" font-family="sans-serif" font-size="${width / 18}" fill="white" opacity="0.85">${photo.file.replace('.jpg', '')} · ${time}</text>
  </svg>`;
  let image = sharp(Buffer.from(svg)).jpeg({ quality: 74, mozjpeg: true });
  if (photo.taken) {
    image = image.withExif({
      IFD0: { Make: 'Demo', Model: 'Generated' },
      IFD2: {
        DateTimeOriginal: photo.taken,
        ...(photo.offset && { OffsetTimeOriginal: photo.offset }),
      },
    });
  }
  return image.toBuffer();
}

function moderationYaml(photos: DemoPhoto[]): string {
  const lines = [
    '# Moderation for this event. Only "approved" photos are published; unlisted files are pending.',
    'photos:',
  ];
  for (const photo of photos) {
    lines.push(`  ${photo.file}:`, `    status: ${photo.status}`);
    if (photo.uploader) lines.push(`    uploader: ${photo.uploader}`);
    if (photo.caption) lines.push(`    caption: ${JSON.stringify(photo.caption)}`);
    if (photo.alt) lines.push(`    alt: ${JSON.stringify(photo.alt)}`);
    if (photo.uploadedAt) lines.push(`    uploaded_at: ${photo.uploadedAt}`);
  }
  return `${lines.join('\n')}\n`;
}
