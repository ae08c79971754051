// The name AttachmentPort.findAttached is given for a receipt: its file name without the extension of its type
// (engine/receipts.ts names each file `<base>.<extension>`), so an adapter's attach and look-up agree on it.
export const receiptBaseName = (fileName: string): string => fileName.replace(/\.[^.]+$/, '');
