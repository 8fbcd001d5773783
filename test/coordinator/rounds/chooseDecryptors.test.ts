import { describe, expect, it } from 'vitest';
import { chooseDecryptors } from '../../../coordinator/rounds/chooseDecryptors.ts';

const sites = ['site-a', 'site-b', 'site-c', 'site-d', 'site-e'];
const choose = (contributors: string[], keyHolders: string[], connected: string[], threshold: number) =>
  chooseDecryptors({ sites, contributors: new Set(contributors), keyHolders, connected: new Set(connected), threshold });

describe('chooseDecryptors', () => {
  it('takes contributors first, then connected key holders, in consortium order, and lists T in consortium order', () => {
    expect(choose(['site-d', 'site-b'], sites, ['site-a', 'site-e'], 3)).toEqual({ decryptors: ['site-a', 'site-b', 'site-d'] });
    expect(choose(['site-e', 'site-d', 'site-c'], sites, sites, 2)).toEqual({ decryptors: ['site-c', 'site-d'] });
  });

  it('passes over key holders that are not connected and connected sites that hold no key shares', () => {
    expect(choose(['site-c'], ['site-a', 'site-c', 'site-d'], ['site-b', 'site-d'], 2)).toEqual({ decryptors: ['site-c', 'site-d'] });
  });

  it('says why when fewer than t sites can decrypt', () => {
    expect(choose(['site-c'], ['site-a', 'site-c'], ['site-b'], 2)).toEqual({ reason: 'fewer than 2 decryptors: only site-c (contributors and connected key holders) can decrypt' });
    expect(choose([], ['site-a'], [], 2)).toEqual({ reason: 'fewer than 2 decryptors: no contributor or connected key holder can decrypt' });
  });
});
