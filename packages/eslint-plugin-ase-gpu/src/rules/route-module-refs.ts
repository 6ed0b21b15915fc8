import { isPlaceholder } from '../manifest/placeholders.js';
import { routeModuleReferences } from '../manifest/routes.js';
import { StringSegment } from '../manifest/string-segment.js';
import { createRule } from '../rule-harness/create-rule.js';
import { defineManifestVisitor } from '../rule-harness/manifest-rule.js';

type MessageIds = 'unknownSource' | 'unknownSink';

export default createRule<[], MessageIds>({
  name: 'route-module-refs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require edgeHub routes to name only modules that the manifest deploys',
      recommended: 'warn',
      strict: 'error',
      owns: ['ROUTE-MODULE-REF'],
      fixPolicy: 'none',
    },
    schema: [],
    messages: {
      unknownSource:
        'Route "{{route}}" reads from module "{{module}}", which this manifest does not deploy{{hint}}, so on the GPU device no message takes it.',
      unknownSink:
        'Route "{{route}}" delivers to module "{{module}}", which this manifest does not deploy{{hint}}, so on the GPU device edgeHub holds its messages.',
    },
  },
  create(context) {
    return defineManifestVisitor(context, {
      manifest(tools) {
        const { model } = tools;
        // A layered fragment routes to modules of its base deployment.
        if (model.layered && !tools.profile.baseDeployment) return;
        const deployed = new Set(model.modules.map((module) => module.name));
        const byLowerCase = new Map(model.modules.map((module) => [module.name.toLowerCase(), module.name]));
        for (const route of model.routes) {
          const literal = route.text;
          if (!literal) continue;
          let segment: StringSegment | undefined;
          for (const reference of routeModuleReferences(literal.value)) {
            if (deployed.has(reference.moduleId) || isPlaceholder(reference.moduleId)) continue;
            segment ??= StringSegment.fromLiteral(literal, model.text, 0);
            const start = segment.sourceOffset(reference.index);
            const end = segment.sourceOffset(reference.index + reference.moduleId.length);
            const sameButCase = byLowerCase.get(reference.moduleId.toLowerCase());
            tools.report({
              module: reference.moduleId,
              range: [start, end],
              messageId: reference.role === 'source' ? 'unknownSource' : 'unknownSink',
              data: {
                route: route.name,
                module: reference.moduleId,
                hint: sameButCase ? ` (ids are case-sensitive; it deploys "${sameButCase}")` : '',
              },
            });
          }
        }
      },
    });
  },
});
