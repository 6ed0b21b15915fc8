import { describe, expect, it } from 'vitest';
import {
  cpuQuotaToMillicores,
  cpuSharesToMillicores,
  formatBytes,
  formatMillicores,
  isQuantity,
  nanoCpusToMillicores,
  parseQuantity,
} from '../../src/kubernetes/quantities.js';

describe('parseQuantity', () => {
  it.each([
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['500m', 0.5],
    ['2', 2],
    ['1e3', 1000],
    ['1k', 1000],
    ['.5', 0.5],
    ['+3', 3],
    [' 128Mi ', 128 * 2 ** 20],
  ])('reads %s', (text, expected) => {
    expect(parseQuantity(text)).toBeCloseTo(expected, 9);
    expect(isQuantity(text)).toBe(true);
  });

  it('takes JSON numbers as they are', () => {
    expect(parseQuantity(2)).toBe(2);
    expect(parseQuantity(Number.NaN)).toBeUndefined();
  });

  it.each(['512MB', '1 Gi', 'Gi', '', 'one', '1.2.3', '${MEMORY}'])('rejects %j as Kubernetes would', (text) => {
    expect(parseQuantity(text)).toBeUndefined();
    expect(isQuantity(text)).toBe(false);
  });
});

describe('formatBytes', () => {
  it.each([
    [2 ** 30, '1Gi'],
    [512 * 2 ** 20, '512Mi'],
    [1536 * 2 ** 20, '1536Mi'],
    [64 * 1024, '64Ki'],
    [4 * 2 ** 40, '4Ti'],
    [1_000_000_000, '1000000000'],
    [536870911, '536870911'],
  ])('%d bytes → %s', (bytes, expected) => {
    expect(formatBytes(bytes)).toBe(expected);
    expect(parseQuantity(expected)).toBe(bytes);
  });

  it.each([0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (bytes) => {
    expect(() => formatBytes(bytes)).toThrow(RangeError);
  });
});

describe('formatMillicores', () => {
  it.each([
    [1000, '1'],
    [2000, '2'],
    [1500, '1500m'],
    [250, '250m'],
  ])('%d m → %s', (millicores, expected) => {
    expect(formatMillicores(millicores)).toBe(expected);
  });

  it('refuses fractions of a millicore', () => {
    expect(() => formatMillicores(0.5)).toThrow(RangeError);
  });
});

describe('Docker CPU fields as millicores', () => {
  it('translates NanoCpus exactly or not at all', () => {
    expect(nanoCpusToMillicores(1_500_000_000)).toBe(1500);
    expect(nanoCpusToMillicores(2_000_000_000)).toBe(2000);
    expect(nanoCpusToMillicores(1_500_000)).toBeUndefined();
    expect(nanoCpusToMillicores(0)).toBeUndefined();
  });

  it('translates CpuQuota/CpuPeriod as 1000·quota/period, with Docker\'s 100 ms default period', () => {
    expect(cpuQuotaToMillicores(150_000, 100_000)).toBe(1500);
    expect(cpuQuotaToMillicores(50_000)).toBe(500);
    expect(cpuQuotaToMillicores(100_000, 300_000)).toBeUndefined();
    expect(cpuQuotaToMillicores(-1)).toBeUndefined();
  });

  it('turns CpuShares into the request the kubelet maps back to them', () => {
    expect(cpuSharesToMillicores(1024)).toBe(1000);
    expect(cpuSharesToMillicores(512)).toBe(500);
    expect(cpuSharesToMillicores(100)).toBe(98);
    expect(cpuSharesToMillicores(1)).toBe(1);
    expect(cpuSharesToMillicores(0)).toBeUndefined();
  });
});
