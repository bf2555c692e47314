import { createHash } from 'node:crypto';
import { buildProof, type ConsistencyCheck, consistencyPlan, consistencyProof } from '../../server/src/domain/evidence';
import { emptyRoot, type Hash, hashChildren, hashLeaf, type InclusionCheck } from '../../server/src/domain/evidence';
import { inclusionPlan, inclusionProof, MerkleFrontier, nodeFromLeaves } from '../../server/src/domain/evidence';
import { nodeKey, type NodeReader, parseHash, rangeNodes, recordLeafHash } from '../../server/src/domain/evidence';
import { rootFromInclusionProof, treeHead, treeHeadFromLeaves } from '../../server/src/domain/evidence';
import { verifyConsistency, verifyInclusion } from '../../server/src/domain/evidence';

/** Matches the evidence error (an Error subclass with a `code`) that a call throws. */
const withCode = (code: string) => expect.objectContaining({ code });

/*
 * Known answers from transparency-dev/merkle (the RFC 6962 test tree that certificate-transparency-go and
 * Trillian also use): testonly/constants.go (leaves, node and root hashes), proof/verify_test.go and
 * testonly/reference_test.go (inclusion and consistency proofs). Their leaf numbers in verify_test.go are
 * 1-based; the indexes here are 0-based.
 */
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (hex) => Buffer.from(hex, 'hex')
);

const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Every perfect subtree of the 8-leaf tree, by level then index. */
const NODES = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  [
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  { index: 0, size: 2, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'] },
  { index: 1, size: 2, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const CONSISTENCY: { from: number; to: number; proof: string[] }[] = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const hex = (hashes: Hash[]) => hashes.map((hash) => hash.toString('hex'));
const bytes = (hashes: string[]) => hashes.map((hash) => Buffer.from(hash, 'hex'));

/** A tree the way the glue keeps one: every node `append` completes, stored by (level, index). */
function storedTree(leafHashes: Hash[]) {
  const frontier = new MerkleFrontier();
  const stored = new Map<string, Hash>();
  const reads: string[] = [];
  for (const leaf of leafHashes) for (const node of frontier.append(leaf)) stored.set(nodeKey(node.id), node.hash);
  const read: NodeReader = (id) => {
    reads.push(nodeKey(id));
    const hash = stored.get(nodeKey(id));
    if (!hash) throw new Error(`node ${nodeKey(id)} is not stored`);
    return hash;
  };
  return { frontier, stored, read, reads };
}

const golden = storedTree(LEAVES.map(hashLeaf));

describe('RFC 6962 test tree (transparency-dev/merkle vectors)', () => {
  it('hashes leaves and nodes with the 0x00 and 0x01 prefixes', () => {
    expect(hashLeaf(Buffer.alloc(0)).toString('hex')).toBe(NODES[0][0]);
    expect(hashChildren(Buffer.from(NODES[0][0], 'hex'), Buffer.from(NODES[0][1], 'hex')).toString('hex')).toBe(
      NODES[1][0]
    );
    expect(emptyRoot().toString('hex')).toBe(createHash('sha256').digest('hex'));
  });

  it('stores exactly the perfect subtrees of the reference tree', () => {
    const expected = new Map(NODES.flatMap((level, l) => level.map((hash, i) => [`${l}/${i}`, hash] as const)));
    expect(new Map([...golden.stored].map(([key, hash]) => [key, hash.toString('hex')]))).toEqual(expected);
  });

  it('has the known tree head for every size 0..8, appended one leaf at a time', () => {
    const frontier = new MerkleFrontier();
    expect(frontier.root().toString('hex')).toBe(ROOTS[0]);
    LEAVES.forEach((leaf, i) => {
      frontier.append(hashLeaf(leaf));
      expect(frontier.root().toString('hex')).toBe(ROOTS[i + 1]);
      expect(treeHead(i + 1, golden.read).toString('hex')).toBe(ROOTS[i + 1]);
      expect(treeHeadFromLeaves(LEAVES.slice(0, i + 1).map(hashLeaf)).toString('hex')).toBe(ROOTS[i + 1]);
    });
    expect(treeHead(0, golden.read).toString('hex')).toBe(ROOTS[0]);
  });

  it('keeps as right edge the compact range of the reference (CompactTrees)', () => {
    const edges = [
      [],
      ['0/0'],
      ['1/0'],
      ['1/0', '0/2'],
      ['2/0'],
      ['2/0', '0/4'],
      ['2/0', '1/2'],
      ['2/0', '1/2', '0/6'],
      ['3/0'],
    ];
    const frontier = new MerkleFrontier();
    edges.forEach((edge, size) => {
      if (size > 0) frontier.append(hashLeaf(LEAVES[size - 1]));
      expect(frontier.nodes.map((node) => nodeKey(node.id))).toEqual(edge);
      expect(frontier.nodes.map((node) => node.hash)).toEqual(edge.map((key) => golden.stored.get(key)));
    });
  });

  it.each(INCLUSION)(
    'makes and verifies the known inclusion proof of leaf $index in size $size',
    ({ index, size, proof }) => {
      expect(hex(inclusionProof(index, size, golden.read))).toEqual(proof);
      const check = {
        leafHash: hashLeaf(LEAVES[index]),
        leafIndex: index,
        treeSize: size,
        proof: bytes(proof),
        rootHash: Buffer.from(ROOTS[size], 'hex'),
      };
      expect(verifyInclusion(check)).toBe(true);
      expect(rootFromInclusionProof(check)?.toString('hex')).toBe(ROOTS[size]);
    }
  );

  it.each(CONSISTENCY)('makes and verifies the known consistency proof from $from to $to', ({ from, to, proof }) => {
    expect(hex(consistencyProof(from, to, golden.read))).toEqual(proof);
    const check = {
      fromSize: from,
      toSize: to,
      fromRoot: Buffer.from(ROOTS[from], 'hex'),
      toRoot: Buffer.from(ROOTS[to], 'hex'),
      proof: bytes(proof),
    };
    expect(verifyConsistency(check)).toBe(true);
  });

  // The corruptions of transparency-dev proof/verify_test.go, each applied to every known proof.
  const someHash = Buffer.from('abacaba000000000000000000000000000000000000000000060061e00123456', 'hex');
  const corrupted = (proof: Hash[], roots: Hash[]) => [
    [],
    proof.slice(0, -1),
    [proof[0], someHash, ...proof.slice(1)],
    ...[Buffer.alloc(0), proof[0], ...roots].flatMap((extra) => [
      [...proof, extra],
      [extra, ...proof],
    ]),
    ...proof.map((_, i) => proof.map((p, j) => (i === j ? flip(p, 0, 8) : p))),
  ];

  it('rejects corrupted inclusion proofs', () => {
    for (const { index, size, proof } of INCLUSION.filter((vector) => vector.proof.length > 0)) {
      const rootHash = Buffer.from(ROOTS[size], 'hex');
      const good = {
        leafHash: hashLeaf(LEAVES[index]),
        leafIndex: index,
        treeSize: size,
        proof: bytes(proof),
        rootHash,
      };
      const probes = [
        ...[index - 1, index + 1, index ^ 2].map((leafIndex) => ({ ...good, leafIndex })),
        ...[size * 2, Math.floor(size / 2)].map((treeSize) => ({ ...good, treeSize })),
        { ...good, leafHash: Buffer.from('WrongLeaf') },
        ...[emptyRoot(), someHash].map((wrongRoot) => ({ ...good, rootHash: wrongRoot })),
        ...corrupted(good.proof, [rootHash]).map((wrongProof) => ({ ...good, proof: wrongProof })),
      ];
      expect(probes.filter(verifyInclusion)).toEqual([]);
    }
  });

  it('rejects corrupted consistency proofs', () => {
    for (const { from, to, proof } of CONSISTENCY.filter((vector) => vector.proof.length > 0)) {
      const [fromRoot, toRoot] = [ROOTS[from], ROOTS[to]].map((root) => Buffer.from(root, 'hex'));
      const good = { fromSize: from, toSize: to, fromRoot, toRoot, proof: bytes(proof) };
      const probes = [
        ...[from - 1, from + 1, from ^ 2].map((fromSize) => ({ ...good, fromSize })),
        ...[to * 2, Math.floor(to / 2)].map((toSize) => ({ ...good, toSize })),
        { ...good, fromRoot: Buffer.from('WrongRoot') },
        { ...good, toRoot: Buffer.from('WrongRoot') },
        { ...good, fromRoot: toRoot, toRoot: fromRoot },
        ...corrupted(good.proof, [fromRoot, toRoot]).map((wrongProof) => ({ ...good, proof: wrongProof })),
      ];
      expect(probes.filter(verifyConsistency)).toEqual([]);
    }
  });

  it('handles the edge sizes as transparency-dev does, and the empty tree by its head', () => {
    const root = Buffer.from(ROOTS[3], 'hex');
    const empty = emptyRoot();
    expect(verifyConsistency({ fromSize: 0, toSize: 0, fromRoot: empty, toRoot: empty, proof: [] })).toBe(true);
    expect(verifyConsistency({ fromSize: 0, toSize: 3, fromRoot: empty, toRoot: root, proof: [] })).toBe(true);
    expect(verifyConsistency({ fromSize: 0, toSize: 3, fromRoot: root, toRoot: root, proof: [] })).toBe(false);
    expect(verifyConsistency({ fromSize: 3, toSize: 3, fromRoot: root, toRoot: root, proof: [] })).toBe(true);
    expect(verifyConsistency({ fromSize: 3, toSize: 3, fromRoot: root, toRoot: empty, proof: [] })).toBe(false);
    expect(verifyConsistency({ fromSize: 3, toSize: 3, fromRoot: root, toRoot: root, proof: [empty] })).toBe(false);
    expect(verifyConsistency({ fromSize: 0, toSize: 1, fromRoot: empty, toRoot: root, proof: [empty] })).toBe(false);
    expect(verifyConsistency({ fromSize: 2, toSize: 1, fromRoot: root, toRoot: root, proof: [] })).toBe(false);
    for (const [index, size] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [-1, 3],
      [0.5, 3],
    ]) {
      expect(verifyInclusion({ leafHash: empty, leafIndex: index, treeSize: size, proof: [], rootHash: empty })).toBe(
        false
      );
    }
    const leaf = hashLeaf(Buffer.from('data'));
    expect(verifyInclusion({ leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], rootHash: leaf })).toBe(true);
    expect(verifyInclusion({ leafHash: leaf, leafIndex: 0, treeSize: 1, proof: [], rootHash: Buffer.alloc(0) })).toBe(
      false
    );
    expect(verifyInclusion({ leafHash: Buffer.alloc(0), leafIndex: 0, treeSize: 1, proof: [], rootHash: leaf })).toBe(
      false
    );
    expect(consistencyProof(0, 5, golden.read)).toEqual([]);
    expect(consistencyProof(5, 5, golden.read)).toEqual([]);
  });
});

function flip(hash: Uint8Array, byte: number, mask: number) {
  const copy = Buffer.from(hash);
  copy[byte] ^= mask;
  return copy;
}

/*
 * The definitions of RFC 9162 section 2.1, written out over a plain array of leaf data, to check the
 * storage-backed algorithms against.
 */
function split(n: number) {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function mth(d: Buffer[]): Hash {
  if (d.length === 0) return emptyRoot();
  if (d.length === 1) return hashLeaf(d[0]);
  const k = split(d.length);
  return hashChildren(mth(d.slice(0, k)), mth(d.slice(k)));
}

function refPath(m: number, d: Buffer[]): Hash[] {
  if (d.length <= 1) return [];
  const k = split(d.length);
  return m < k ? [...refPath(m, d.slice(0, k)), mth(d.slice(k))] : [...refPath(m - k, d.slice(k)), mth(d.slice(0, k))];
}

function refSubproof(m: number, d: Buffer[], b: boolean): Hash[] {
  if (m === d.length) return b ? [] : [mth(d)];
  const k = split(d.length);
  return m <= k
    ? [...refSubproof(m, d.slice(0, k), b), mth(d.slice(k))]
    : [...refSubproof(m - k, d.slice(k), false), mth(d.slice(0, k))];
}

describe('every proof of trees up to 64 leaves', () => {
  const MAX = 64;
  const data = Array.from({ length: MAX }, (_, i) => Buffer.from(String(i)));
  const tree = storedTree(data.map(hashLeaf));
  const roots = Array.from({ length: MAX + 1 }, (_, n) => mth(data.slice(0, n)));

  it('has the RFC tree head at every size', () => {
    for (let n = 0; n <= MAX; n += 1) expect(treeHead(n, tree.read)).toEqual(roots[n]);
  });

  /*
   * One expect per test, over lists of what went wrong (a million expect calls take a minute). The wrong
   * indexes and sizes tried are the neighbours and every one-bit change: trying them all takes 15 s and found
   * nothing more.
   */
  const near = (value: number, max: number) => {
    const others = new Set([value - 2, value - 1, value + 1, value + 2, value * 2, Math.floor(value / 2)]);
    for (let bit = 1; bit <= max; bit *= 2) others.add(value ^ bit);
    return [...others].filter((other) => other !== value && other >= 0 && other <= max).sort((a, b) => a - b);
  };

  it('makes the RFC audit path for every leaf of every size; it verifies, and fails for another leaf, root, hash, nearby index or size', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= MAX; n += 1) {
      for (let m = 0; m < n; m += 1) {
        const proof = inclusionProof(m, n, tree.read);
        const at = `leaf ${m} of ${n}`;
        if (!equalHashes(proof, refPath(m, data.slice(0, n)))) wrong.push(`${at}: not the RFC path`);
        const good = { leafHash: hashLeaf(data[m]), leafIndex: m, treeSize: n, proof, rootHash: roots[n] };
        if (!verifyInclusion(good)) wrong.push(`${at}: does not verify`);
        const probes: [string, InclusionCheck][] = [
          ['another leaf', { ...good, leafHash: hashLeaf(data[(m + 1) % MAX]) }],
          ['another root', { ...good, rootHash: flip(roots[n], 31, 1) }],
          ['a hash more', { ...good, proof: [...proof, roots[n]] }],
          ...proof.map((_, i): [string, InclusionCheck] => [
            `hash ${i} flipped`,
            { ...good, proof: proof.map((p, j) => (i === j ? flip(p, i, 1) : p)) },
          ]),
        ];
        if (proof.length > 0) probes.push(['a hash less', { ...good, proof: proof.slice(1) }]);
        for (const other of near(m, n + 1)) probes.push([`index ${other}`, { ...good, leafIndex: other }]);
        // A size is only ever claimed together with its head (both come from one signed checkpoint).
        for (const size of near(n, MAX))
          probes.push([`size ${size}`, { ...good, treeSize: size, rootHash: roots[size] }]);
        for (const [what, probe] of probes) if (verifyInclusion(probe)) wrong.push(`${at}: verifies with ${what}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('makes the RFC consistency proof for every 0 < m <= n; it verifies, and fails for another root, hash or nearby size', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= MAX; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        const proof = consistencyProof(m, n, tree.read);
        const at = `${m} to ${n}`;
        if (!equalHashes(proof, m === n ? [] : refSubproof(m, data.slice(0, n), true)))
          wrong.push(`${at}: not the RFC proof`);
        const good = { fromSize: m, toSize: n, fromRoot: roots[m], toRoot: roots[n], proof };
        if (!verifyConsistency(good)) wrong.push(`${at}: does not verify`);
        if (m === n) continue;
        const probes: [string, ConsistencyCheck][] = [
          ['another first root', { ...good, fromRoot: flip(roots[m], 0, 1) }],
          ['another second root', { ...good, toRoot: flip(roots[n], 0, 1) }],
          ['a hash less', { ...good, proof: proof.slice(0, -1) }],
          ['a hash more', { ...good, proof: [...proof, roots[n]] }],
          ...proof.map((_, i): [string, ConsistencyCheck] => [
            `hash ${i} flipped`,
            { ...good, proof: proof.map((p, j) => (i === j ? flip(p, i, 1) : p)) },
          ]),
        ];
        for (const other of near(m, MAX)) {
          probes.push([`first size ${other}`, { ...good, fromSize: other }]);
          probes.push([`first size ${other} and its head`, { ...good, fromSize: other, fromRoot: roots[other] }]);
        }
        for (const other of near(n, MAX))
          probes.push([`second size ${other} and its head`, { ...good, toSize: other, toRoot: roots[other] }]);
        for (const [what, probe] of probes) if (verifyConsistency(probe)) wrong.push(`${at}: verifies with ${what}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

const equalHashes = (a: Hash[], b: Hash[]) => a.length === b.length && a.every((hash, i) => hash.equals(b[i]));

describe('a large tree from stored nodes', () => {
  const SIZE = 2 ** 17 + 12345;
  const leafOf = (i: number) => recordLeafHash(createHash('sha256').update(String(i)).digest('hex'));
  const tree = storedTree(Array.from({ length: SIZE }, (_, i) => leafOf(i)));

  const bound = (n: number) => 2 * Math.ceil(Math.log2(n));

  it('proves inclusion reading O(log n) nodes, and the proof verifies against the frontier head', () => {
    const root = tree.frontier.root();
    for (const index of [0, 1, 77_777, 2 ** 17 - 1, 2 ** 17, SIZE - 2, SIZE - 1]) {
      tree.reads.length = 0;
      const proof = inclusionProof(index, SIZE, tree.read);
      expect(tree.reads.length).toBeLessThanOrEqual(bound(SIZE));
      expect(
        verifyInclusion({ leafHash: leafOf(index), leafIndex: index, treeSize: SIZE, proof, rootHash: root })
      ).toBe(true);
    }
  });

  it('proves consistency with any earlier size reading O(log n) nodes', () => {
    const root = tree.frontier.root();
    for (const from of [1, 2, 3, 1000, 65_536, 100_001, SIZE - 1]) {
      tree.reads.length = 0;
      const proof = consistencyProof(from, SIZE, tree.read);
      expect(tree.reads.length).toBeLessThanOrEqual(bound(SIZE));
      expect(
        verifyConsistency({ fromSize: from, toSize: SIZE, fromRoot: treeHead(from, tree.read), toRoot: root, proof })
      ).toBe(true);
    }
  });

  it('names at most 2·⌈log2 n⌉ distinct nodes in any plan', () => {
    for (let n = 1; n <= 3000; n += 7) {
      for (const m of [0, Math.floor(n / 3), n - 1]) {
        expect(inclusionPlan(m, n).nodes.length).toBeLessThanOrEqual(Math.max(bound(n), 0));
        if (m > 0) expect(consistencyPlan(m, n).nodes.length).toBeLessThanOrEqual(bound(n));
      }
    }
  });

  it('resumes from its stored right edge and goes on as if never stopped', () => {
    const half = 1000;
    const first = new MerkleFrontier();
    for (let i = 0; i < half; i += 1) first.append(leafOf(i));
    const ids = rangeNodes(0, half);
    const resumed = MerkleFrontier.restore(
      half,
      ids.map((id) => tree.stored.get(nodeKey(id)) as Hash)
    );
    expect(resumed.root()).toEqual(first.root());
    for (let i = half; i < half + 500; i += 1) expect(resumed.append(leafOf(i))).toEqual(first.append(leafOf(i)));
    expect(resumed.root()).toEqual(treeHead(half + 500, tree.read));
    const copy = resumed.copy();
    copy.append(leafOf(half + 500));
    expect(copy.size).toBe(resumed.size + 1);
  });

  it('computes a node from leaves when only leaves are stored', () => {
    for (const id of [
      { level: 0, index: 5 },
      { level: 3, index: 2 },
      { level: 10, index: 7 },
    ]) {
      expect(nodeFromLeaves(id, leafOf)).toEqual(tree.stored.get(nodeKey(id)));
    }
  });

  it('answers from one batched read: the plan first, then the hashes', () => {
    const proofPlan = inclusionPlan(4242, SIZE);
    const fetched = new Map(proofPlan.nodes.map((id) => [nodeKey(id), tree.stored.get(nodeKey(id)) as Hash]));
    const proof = buildProof(proofPlan, (id) => fetched.get(nodeKey(id)) as Hash);
    expect(proof).toEqual(inclusionProof(4242, SIZE, tree.read));
  });
});

describe('argument checks', () => {
  it('refuses sizes and indexes the tree does not have', () => {
    expect(() => inclusionPlan(3, 3)).toThrow(withCode('bad-size'));
    expect(() => inclusionPlan(-1, 3)).toThrow(withCode('bad-size'));
    expect(() => consistencyPlan(4, 3)).toThrow(withCode('bad-size'));
    expect(() => consistencyPlan(1.5, 3)).toThrow(withCode('bad-size'));
    expect(() => rangeNodes(1, 4)).toThrow(withCode('bad-range'));
    expect(() => parseHash('AB'.repeat(32))).toThrow(withCode('bad-hash'));
    expect(() => MerkleFrontier.restore(3, [emptyRoot()])).toThrow(withCode('bad-node'));
    expect(() => new MerkleFrontier().append(Buffer.alloc(31))).toThrow(withCode('bad-hash'));
    expect(() => treeHead(2, () => Buffer.alloc(3))).toThrow(withCode('bad-node'));
  });

  it('decomposes aligned ranges into perfect subtrees, largest first', () => {
    expect(rangeNodes(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(rangeNodes(8, 14)).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
    ]);
    expect(rangeNodes(5, 5)).toEqual([]);
  });

  it('takes the leaf of a record from the 32 bytes of its hash', () => {
    const recordHash = 'c04a'.padEnd(64, '0');
    expect(recordLeafHash(recordHash)).toEqual(hashLeaf(Buffer.from(recordHash, 'hex')));
  });
});
