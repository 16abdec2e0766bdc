// Copies the parts of pdfjs-dist the app needs into src/vendor/pdfjs/ (gitignored), which the
// Tauri build embeds with the rest of src/. Run after `npm ci` (scripts/build-ui.sh does both).
import { cpSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const from = join(here, 'node_modules', 'pdfjs-dist');
const to = join(here, 'src', 'vendor', 'pdfjs');

if (!existsSync(join(from, 'build', 'pdf.min.mjs'))) {
  console.error('pdfjs-dist is not installed: run `npm ci` in ui/ first');
  process.exit(1);
}
rmSync(to, { recursive: true, force: true });
mkdirSync(to, { recursive: true });
for (const f of ['build/pdf.min.mjs', 'build/pdf.worker.min.mjs', 'LICENSE']) {
  cpSync(join(from, f), join(to, f.split('/').pop()));
}
// Character maps (CID fonts) and the standard 14 fonts (PDFs that do not embed them).
cpSync(join(from, 'cmaps'), join(to, 'cmaps'), { recursive: true });
cpSync(join(from, 'standard_fonts'), join(to, 'standard_fonts'), { recursive: true });
console.log(`pdf.js copied to ${to}`);
