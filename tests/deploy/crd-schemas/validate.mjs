// Validates custom resources against their published schemas (the @kubernetes-models
// packages, generated from each operator's CRDs). Reads a JSON array of objects on stdin and
// prints a JSON array of [kind/name, error or null]; a kind it has no model for is an error.
const MODELS = {
  "monitoring.coreos.com/v1/ServiceMonitor": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor",
  "monitoring.coreos.com/v1/PrometheusRule": "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule",
  "external-secrets.io/v1/ExternalSecret": "@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret",
  "keda.sh/v1alpha1/ScaledObject": "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject",
};

async function check(obj) {
  const id = `${obj.kind}/${obj.metadata && obj.metadata.name}`;
  const model = MODELS[`${obj.apiVersion}/${obj.kind}`];
  if (!model) return [id, `no schema for ${obj.apiVersion} ${obj.kind}`];
  const Model = (await import(model))[obj.kind];
  try {
    new Model(obj).validate();
    return [id, null];
  } catch (error) {
    return [id, String((error && error.message) || error)];
  }
}

let input = "";
for await (const chunk of process.stdin) input += chunk;
const results = [];
for (const obj of JSON.parse(input)) results.push(await check(obj));
process.stdout.write(JSON.stringify(results));
