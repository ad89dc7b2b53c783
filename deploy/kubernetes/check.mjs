// Validates every document in the generated manifests against the Kubernetes API schemas.
// Usage: npm install --prefix deploy/kubernetes && node deploy/kubernetes/check.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Service } from 'kubernetes-models/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';

const kinds = {
  'apps/v1/Deployment': Deployment, 'v1/Service': Service, 'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
};
const here = dirname(fileURLToPath(import.meta.url));
let count = 0;
let failed = 0;
for (const file of readdirSync(here).filter((f) => f.endsWith('.yaml'))) {
  for (const document of yaml.loadAll(readFileSync(join(here, file), 'utf8')).filter(Boolean)) {
    const model = kinds[`${document.apiVersion}/${document.kind}`];
    const name = `${file}: ${document.kind} ${document.metadata?.name}`;
    count++;
    if (!model) {
      console.error(`${name}: no schema for ${document.apiVersion} ${document.kind}`);
      failed++;
      continue;
    }
    try {
      new model(document).validate();
    } catch (error) {
      console.error(`${name}: ${error.message}`);
      failed++;
    }
  }
}
console.log(`Kubernetes manifests: ${count} documents checked against the API schemas, ${failed} invalid`);
process.exit(failed === 0 && count > 0 ? 0 : 1);
