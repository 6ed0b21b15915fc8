import { describe, expect, it } from 'vitest';
import { resolveDeviceProfile } from '../../src/settings/device-profile.js';

// Regression: every rule resolved a fresh profile for a file without settings, so the Kubernetes
// translation (cached per model and profile) was recomputed by every rule that asked for it.
describe('one device profile per settings object', () => {
  it('gives files without ase-gpu settings the same profile object', () => {
    expect(resolveDeviceProfile({})).toBe(resolveDeviceProfile({}));
    expect(resolveDeviceProfile(undefined)).toBe(resolveDeviceProfile({ other: { a: 1 } }));
  });

  it('still resolves a new profile for other settings', () => {
    const settings = { 'ase-gpu': { gpuCount: 2 } };
    expect(resolveDeviceProfile(settings)).toBe(resolveDeviceProfile(settings));
    expect(resolveDeviceProfile(settings)).not.toBe(resolveDeviceProfile({}));
    expect(resolveDeviceProfile(settings).gpuCount).toBe(2);
  });
});
