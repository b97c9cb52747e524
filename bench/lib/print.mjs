// One titled table on the terminal, columns padded to their widest cell.
export function print(title, rows) {
  const widths = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  console.log(`\n${title}`);
  for (const row of rows)
    console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}`);
}
