/**
 * A deployment manifest as IoT Hub takes it, with these modules: the shape the lint tests build their
 * texts from (positions in them are found by searching the text, so the layout is JSON.stringify's).
 */
export function deployment(modules: Record<string, unknown>, options: { systemModules?: Record<string, unknown>; edgeHub?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    modulesContent: {
      $edgeAgent: {
        'properties.desired': {
          schemaVersion: '1.1',
          runtime: { type: 'docker', settings: {} },
          systemModules: options.systemModules ?? {},
          modules,
        },
      },
      $edgeHub: { 'properties.desired': { schemaVersion: '1.1', routes: {}, ...options.edgeHub } },
    },
  };
}
