/** One file in an event's guest-photo folder (local directory or S3 prefix). */
export interface GuestObject {
  /** File name inside the event folder, e.g. "ana-01.jpg". */
  name: string;
  size: number;
  /** When the file was uploaded: file mtime, or S3 LastModified. */
  uploadedAt: Date;
  /** Changes whenever the bytes change (S3 ETag, or size + mtime for files). */
  version: string;
}

/** Where guest photos live. Both sources use the same layout: `<event_id>/<file>` + `<event_id>/moderation.yaml`. */
export interface GuestPhotoSource {
  /** For messages: "content/guest-photos" or "s3://bucket/prefix". */
  readonly description: string;
  /** The event's image files and its moderation file text (undefined when there is none). */
  listEvent(eventId: string): Promise<{ objects: GuestObject[]; moderation: string | undefined }>;
  read(eventId: string, name: string): Promise<Uint8Array>;
  /** A path relative to the project root when the file is already on disk (no copy needed). */
  localPath?(eventId: string, name: string): string;
}

export type ModerationStatus = 'pending' | 'approved' | 'rejected';

export interface ModerationRecord {
  status: ModerationStatus;
  uploader?: string;
  caption?: string;
  alt?: string;
  /** Overrides the object's upload time (ISO instant). */
  uploadedAt?: string;
}

export const IMAGE_FILE = /\.(jpe?g|png|webp|avif|tiff?)$/i;
export const MODERATION_FILE = 'moderation.yaml';
