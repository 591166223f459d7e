/**
 * A server of its own for the moderation page tests: the built site (`npm start`'s
 * scripts/serve.ts) run in a temp working directory whose events and guest photos each test
 * writes itself, so approving and rejecting never touch the repository's content or the shared
 * e2e server. Its own address, found free at start.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { photoWithGps } from '../../helpers/guest-files.ts';
import { ADMIN_PASSWORD, SERVER_ENV } from './server-env.ts';
import { freePort } from '../../../harness/free-port.ts';
import { startServerProcess } from './server-process.ts';

export interface WaitingPhoto {
  name: string;
  uploader: string;
  caption: string;
  /** ISO instant. */
  uploadedAt: string;
}

export interface ModerationEvent {
  id: string;
  title: string;
  timezone: string;
  photos: WaitingPhoto[];
}

export interface ModerationSite {
  url: string;
  /** Replaces every event and guest photo with `events`, their photos all waiting. */
  seed(events: ModerationEvent[]): Promise<void>;
  /** Logs in on this server's login page (its login limiter is its own). */
  logIn(page: Page): Promise<void>;
  close(): Promise<void>;
}

export async function startModerationSite(): Promise<ModerationSite> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'ais-moderation-'));
  const content = path.join(work, 'content');
  const server = await startServerProcess({
    cwd: work,
    port: await freePort(),
    env: { ...SERVER_ENV, STATE_DB_PATH: path.join(work, 'state/state.db') },
  });
  const { url } = server;

  return {
    url,
    async seed(events) {
      await rm(content, { recursive: true, force: true });
      await mkdir(path.join(content, 'events'), { recursive: true });
      for (const event of events) {
        await writeFile(
          path.join(content, 'events', `${event.id}.yaml`),
          `title: ${event.title}\ntimezone: ${event.timezone}\nstart: 2026-04-29T18:00\nend: 2026-04-29T23:30\n`,
        );
        const folder = path.join(content, 'guest-photos', event.id);
        await mkdir(path.join(folder, 'pending'), { recursive: true });
        const entries = [];
        for (const [index, photo] of event.photos.entries()) {
          const color = `#${((index * 0x3a5f1) & 0xffffff).toString(16).padStart(6, '0')}`;
          await writeFile(path.join(folder, 'pending', photo.name), await photoWithGps(color));
          entries.push(
            `  ${photo.name}:\n    status: pending\n    uploader: ${photo.uploader}\n    caption: "${photo.caption}"\n    uploaded_at: ${photo.uploadedAt}\n`,
          );
        }
        await writeFile(path.join(folder, 'moderation.yaml'), `photos:\n${entries.join('')}`);
      }
    },
    async logIn(page) {
      await page.goto(`${url}/admin/login`);
      await page.getByLabel('Password').fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page).toHaveURL(`${url}/admin`);
    },
    async close() {
      await server.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
}
