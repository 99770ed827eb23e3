// An entry's photos in the page: their address (served by the app from the journal,
// decrypted, never fetched from anywhere), and the pictures in a paste or a drop.

/** Where the page shows the photo `file` of the entry `entryId` (see the app's photos.rs). */
export function photoUrl(entryId: string, file: string): string {
  // WebKitGTK takes a custom scheme as it is written.
  return `tend-photo://localhost/${encodeURIComponent(entryId)}/${encodeURIComponent(file)}`;
}

const PICTURE_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif"];

/** The pictures a paste or a drop on the writing brings, to keep as photos: none when words
 *  come with them (a word processor puts a picture of the words beside them: words pasted
 *  stay words), and other files are left to the text box. */
export function picturesTaken(event: ClipboardEvent | DragEvent): File[] {
  const data = "clipboardData" in event ? event.clipboardData : event.dataTransfer;
  if ("clipboardData" in event && data?.getData("text/plain")) return [];
  return pictureFiles(data);
}

/** The pictures among a paste's or a drop's files (other files are left to the text box). */
export function pictureFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  return Array.from(data.files).filter((file) => PICTURE_TYPES.includes(file.type));
}
