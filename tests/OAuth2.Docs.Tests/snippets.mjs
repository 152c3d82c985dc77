// Turns every ```csharp block of the READMEs into a C# file of a throwaway project (generate), and reads that
// project's build log back into one result per block (count). Run by run-extra.sh; see README.md beside this file.
//
//   node snippets.mjs generate <repo> <project dir>   writes Snippet_NN.cs files and snippets.json
//   node snippets.mjs count <project dir> <build log>  prints "passed failed skipped" and names each failing block
import fs from 'node:fs';
import path from 'node:path';

// The READMEs whose C# blocks are compiled.
const readmeGlobs = [['.', /^README\.md$/], ['src', null], ['samples', null], ['benchmarks', /^README\.md$/]];
const extraReadmes = ['tests/OAuth2.Storage.Conformance/README.md'];

// A block that is deliberately partial is preceded by this marker (blank lines allowed in between).
const optOut = /<!--\s*snippet:\s*not-compiled\s*\(([^)]*)\)\s*-->/;

// Usings given to fragments (statements or members) that bring none of their own: what an application's
// Program.cs has in scope after the usual `using` lines for the packages it installed.
const fragmentUsings = [
  'System.Security.Claims',
  'Microsoft.AspNetCore.Builder',
  'Microsoft.AspNetCore.Http',
  'Microsoft.Extensions.Configuration',
  'Microsoft.Extensions.DependencyInjection',
  'MongoDB.Driver',
  'StackExchange.Redis',
  'OAuth2',
  'OAuth2.AspNetCore.Abuse',
  'Microsoft.AspNetCore.Authentication',
  'Microsoft.AspNetCore.Authorization',
  'OAuth2.AspNetCore.Http',
  'OAuth2.DependencyInjection',
  'OAuth2.Storage',
  'OAuth2.Storage.InMemory',
  'OAuth2.Storage.Relational',
];

// Names a fragment may use without declaring them, as they would be in scope in an application.
const wellKnown = {
  builder: 'WebApplicationBuilder',
  app: 'WebApplication',
  services: 'IServiceCollection',
  configuration: 'IConfiguration',
  config: 'IConfiguration',
  serviceProvider: 'IServiceProvider',
  context: 'HttpContext',
  timeProvider: 'TimeProvider',
  connectionString: 'string',
  ct: 'CancellationToken',
  users: 'MyUsers',
  username: 'string',
  password: 'string',
  user: 'OAuth2User?',
};

function readmes(repo) {
  const found = [];
  for (const [dir, only] of readmeGlobs) {
    const abs = path.join(repo, dir);
    if (only) {
      for (const name of fs.readdirSync(abs)) if (only.test(name)) found.push(path.join(dir, name));
    } else {
      for (const sub of fs.readdirSync(abs).sort()) {
        const candidate = path.join(dir, sub, 'README.md');
        if (fs.existsSync(path.join(repo, candidate))) found.push(candidate);
      }
    }
  }
  return [...found.map(p => path.normalize(p)), ...extraReadmes];
}

// Every ```csharp block: its first code line (1-based), its lines without the fence's indentation, its opt-out.
function blocks(text) {
  const lines = text.split('\n');
  const result = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(csharp|cs|c#)\s*$/i.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    let j = i + 1;
    while (j < lines.length && !/^\s*```\s*$/.test(lines[j])) j++;
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const marker = k >= 0 ? optOut.exec(lines[k]) : null;
    const code = lines.slice(i + 1, j).map(l => l.slice(Math.min(indent, l.length - l.trimStart().length)));
    result.push({ line: i + 2, code, skip: marker ? marker[1].trim() : null });
    i = j;
  }
  return result;
}

const significant = l => l.trim() !== '' && !l.trim().startsWith('//');

function kindOf(body) {
  const first = body.find(significant) ?? '';
  if (/^\s*namespace\s/.test(first)) return 'file';
  if (/^\s*((public|internal|file|sealed|static|abstract|partial|readonly)\s+)*(class|record|struct|interface|enum)\b/.test(first)) return 'file';
  if (/^\s*(public|internal|private|protected)\b/.test(first)) return 'members';
  return 'statements';
}

function generate(repo, out) {
  const manifest = [];
  let n = 0;
  for (const readme of readmes(repo)) {
    const text = fs.readFileSync(path.join(repo, readme), 'utf8');
    for (const block of blocks(text)) {
      n++;
      const id = `Snippet_${String(n).padStart(2, '0')}`;
      const entry = { id, readme, source: path.join(repo, readme), line: block.line, lines: block.code.length, kind: null, skip: block.skip };
      manifest.push(entry);
      if (block.skip) continue;
      // Leading using directives (and the comments or blank lines among them) belong to the file.
      let u = 0;
      while (u < block.code.length && (block.code[u].trim() === '' || /^\s*(global\s+)?using\s+[\w.= ]+;\s*$/.test(block.code[u]))) u++;
      const usings = block.code.slice(0, u).filter(l => l.trim() !== '');
      const body = block.code.slice(u);
      const kind = entry.kind = kindOf(body);
      const at = (offset) => `#line ${block.line + offset} "${path.join(repo, readme)}"`;
      const own = usings.length > 0 || kind === 'file';
      // A block with usings of its own (or a whole file) gets none of ours: a missing using is an error, as it would
      // be for a reader who copies it. Only the well-known values (WellKnown in Stubs.cs) are in scope besides.
      const head = own ? [at(0), ...block.code.slice(0, u), '#line default', 'using static WellKnown;']
        : fragmentUsings.map(ns => `using ${ns};`);
      let file;
      if (kind === 'file') {
        const scoped = body.some(l => /^\s*namespace\s/.test(l)) ? [] : [`namespace ${id};`];
        file = [...head, ...scoped, at(u), ...body, '#line default'];
      } else if (kind === 'members') {
        file = [...head, `namespace ${id};`, `public static class ${id}Members`, '{', at(u), ...body, '#line default', '}'];
      } else {
        const source = body.join('\n');
        const parameters = Object.entries(wellKnown)
          .filter(([name]) => new RegExp(`\\b${name}\\b`).test(source))
          .filter(([name]) => !new RegExp(`\\bvar\\s+${name}\\b|\\b\\w+\\??\\s+${name}\\s*=[^=>]`).test(source))
          .map(([name, type]) => `${type} ${name}`);
        file = [...head, `namespace ${id};`, `internal static class ${id}Statements`, '{',
          `    internal static async Task RunAsync(${parameters.join(', ')})`, '    {', at(u), ...body, '#line default', '    }', '}'];
      }
      fs.writeFileSync(path.join(out, `${id}.cs`), file.join('\n') + '\n');
    }
  }
  fs.writeFileSync(path.join(out, 'snippets.json'), JSON.stringify(manifest, null, 2));
  const skipped = manifest.filter(m => m.skip);
  console.log(`snippets: ${manifest.length} C# blocks in ${new Set(manifest.map(m => m.readme)).size} READMEs, ${skipped.length} marked not-compiled`);
  for (const s of skipped) console.log(`  not compiled: ${s.readme}:${s.line} (${s.skip})`);
}

function count(out, log) {
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'snippets.json'), 'utf8'));
  const text = fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '';
  const errors = [...new Set(text.split('\n').filter(l => /: error /.test(l)).map(l => l.trim()))];
  const failing = new Map();
  const unattributed = [];
  for (const error of errors) {
    const at = /^(.*?)\((\d+),\d+\): error/.exec(error);
    const owner = at && manifest.find(m => !m.skip && path.resolve(at[1]) === m.source
      && +at[2] >= m.line && +at[2] < m.line + m.lines);
    if (owner) {
      if (!failing.has(owner.id)) failing.set(owner.id, []);
      failing.get(owner.id).push(error);
    } else {
      unattributed.push(error);
    }
  }
  for (const m of manifest.filter(m => failing.has(m.id))) {
    console.log(`snippet FAILED: ${m.readme}:${m.line} (${m.kind})`);
    for (const e of failing.get(m.id)) console.log(`  ${e}`);
  }
  for (const e of unattributed) console.log(`snippet build error outside any block: ${e}`);
  const skipped = manifest.filter(m => m.skip).length;
  const failed = failing.size + (unattributed.length > 0 ? 1 : 0);
  const passed = manifest.length - skipped - failing.size;
  console.log(`snippets: ${passed} compiled, ${failing.size} failed, ${skipped} not compiled`);
  return `${passed} ${failed} ${skipped}`;
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'generate') generate(a, b);
else if (mode === 'count') fs.writeFileSync(path.join(a, 'counts.txt'), count(a, b) + '\n');
else { console.error('usage: node snippets.mjs generate <repo> <dir> | count <dir> <build log>'); process.exit(2); }
