// npm falls back to the machine's Node when the `node` devDependency's install script was
// skipped; Astro 7 would then fail with an obscure error. Fail early with the fix instead.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `astro-instagram-sync needs Node >= 22.12, but npm ran Node ${process.version}.\n` +
      'Run `npm install` (it installs the `node@24` devDependency into node_modules/.bin),\n' +
      'and make sure npm allowed its install script (package.json "allowScripts").',
  );
  process.exit(1);
}
