// Validates rendered Kubernetes manifests offline, for scripts/check-deploy.
//
//   node validate.mjs NAME=FILE.yaml [NAME=FILE.yaml...]
//
// Every object is checked against the Kubernetes OpenAPI schema of its
// apiVersion and kind (npm kubernetes-models: types, required fields,
// formats, enums). Then the rules of this deployment that no schema knows:
// the shard map agrees with the storage StatefulSet, every container runs
// hardened with gRPC probes and resource limits, serves TLS from Secret
// volumes (or says --allow_insecure), and pods are given longer than
// --shutdown_grace to stop. Before any of that, a self-test proves that
// a broken object is rejected, so a validator that accepts everything cannot
// pass unnoticed. Exits 1 on any problem.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

// kubernetes-models lays its models out as <apiVersion>/<Kind>.
async function modelFor(apiVersion, kind) {
  if (!/^[a-z0-9.\/]+$/.test(apiVersion) || !/^[A-Za-z]+$/.test(kind)) {
    throw new Error(`bad apiVersion/kind ${apiVersion} ${kind}`);
  }
  let module;
  try {
    module = await import(`kubernetes-models/${apiVersion}/${kind}`);
  } catch {
    throw new Error(`no schema for ${apiVersion} ${kind}`);
  }
  return module[kind];
}

// Throws with the schema's complaint when obj is not a valid object.
async function validateSchema(obj) {
  if (!obj || typeof obj !== "object" || !obj.apiVersion || !obj.kind) {
    throw new Error("not a Kubernetes object (no apiVersion or kind)");
  }
  const Model = await modelFor(obj.apiVersion, obj.kind);
  new Model(obj).validate();
}

function durationSeconds(text) {
  const match = /^(\d+)s$/.exec(text);
  if (!match) throw new Error(`duration ${text} is not N s`);
  return Number(match[1]);
}

function flagValue(args, name) {
  const prefix = `--${name}=`;
  const arg = (args || []).find((a) => a.startsWith(prefix));
  return arg === undefined ? undefined : arg.slice(prefix.length);
}

function hasFlag(args, name) {
  return (args || []).includes(`--${name}`) || flagValue(args, name) !== undefined;
}

// The port of a "HOST:PORT" or "[V6]:PORT" flag value.
function portOf(listen) {
  const match = /:(\d+)$/.exec(listen || "");
  return match ? Number(match[1]) : undefined;
}

// TLS or an explicit --allow_insecure on every service: plain text off
// loopback is refused by the binaries, so a manifest without either would
// crash-loop. With TLS, each certificate file must come from a read-only
// Secret volume, storage must require client certificates, ingest and query
// must reach storage over mutual TLS, and the probes must use the
// plain-text --health_listen port (kubelet's gRPC probes speak no TLS).
function checkTransport(w, c, at) {
  const problems = [];
  const args = c.args || [];
  if (hasFlag(args, "allow_insecure")) {
    for (const flag of ["tls_cert_file", "storage_tls_ca_file"]) {
      if (hasFlag(args, flag)) problems.push(`${at}: both --allow_insecure and --${flag}`);
    }
  } else {
    const files = ["tls_cert_file", "tls_key_file"];
    if (w.metadata.name === "rapporteur-storage") files.push("tls_client_ca_file");
    if (hasFlag(args, "storage")) {
      files.push("storage_tls_ca_file", "storage_tls_cert_file", "storage_tls_key_file");
    }
    const pod = w.spec.template.spec;
    for (const flag of files) {
      const path = flagValue(args, flag);
      if (!path) {
        problems.push(`${at}: neither --${flag} nor --allow_insecure`);
        continue;
      }
      const mount = (c.volumeMounts || []).find((m) => path.startsWith(`${m.mountPath}/`));
      const volume = (pod.volumes || []).find((v) => v.name === mount?.name);
      if (!mount || mount.readOnly !== true || !volume?.secret?.secretName) {
        problems.push(`${at}: --${flag}=${path} is not on a read-only Secret volume`);
      }
    }
  }
  const health = portOf(flagValue(args, "health_listen"));
  const grpc = portOf(flagValue(args, "listen"));
  for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
    const port = c[probe]?.grpc?.port;
    if (port === undefined) continue;
    if (port !== health && (hasFlag(args, "tls_cert_file") || port !== grpc)) {
      problems.push(`${at}: ${probe} port ${port} is not the plain-text --health_listen port`);
    }
  }
  return problems;
}

// The rules of this deployment, beyond the schemas. Returns problems.
function checkDeployment(objects) {
  const problems = [];
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const workloads = [...byKind("Deployment"), ...byKind("StatefulSet")];

  for (const w of workloads) {
    const where = `${w.kind}/${w.metadata.name}`;
    const pod = w.spec.template.spec;
    const podSecurity = pod.securityContext || {};
    if (podSecurity.runAsNonRoot !== true) problems.push(`${where}: pod not runAsNonRoot`);
    if (podSecurity.seccompProfile?.type !== "RuntimeDefault") {
      problems.push(`${where}: seccompProfile is not RuntimeDefault`);
    }
    for (const c of pod.containers) {
      const at = `${where} container ${c.name}`;
      const s = c.securityContext || {};
      if (s.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem writable`);
      if (s.allowPrivilegeEscalation !== false) problems.push(`${at}: privilege escalation allowed`);
      if (!(s.capabilities?.drop || []).includes("ALL")) problems.push(`${at}: capabilities not dropped`);
      for (const probe of ["livenessProbe", "readinessProbe"]) {
        if (!c[probe]?.grpc?.port) problems.push(`${at}: ${probe} is not a gRPC probe`);
      }
      problems.push(...checkTransport(w, c, at));
      for (const kind of ["requests", "limits"]) {
        for (const resource of ["cpu", "memory"]) {
          if (!c.resources?.[kind]?.[resource]) problems.push(`${at}: no ${resource} ${kind}`);
        }
      }
      const grace = flagValue(c.args, "shutdown_grace") ?? "20s";
      const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
      const needed = durationSeconds(grace) + preStop;
      if (!(pod.terminationGracePeriodSeconds > needed)) {
        problems.push(`${at}: terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} ` +
          `is not above preStop ${preStop}s + --shutdown_grace ${grace}`);
      }
    }
  }

  // The shard map: entry k must be pod k of the storage StatefulSet, through
  // its headless Service, on the storage container's port; N entries.
  const storage = byKind("StatefulSet").find((s) => s.metadata.name === "rapporteur-storage");
  const maps = byKind("ConfigMap").filter((m) => m.data?.STORAGE_SHARDS !== undefined);
  if (!storage) problems.push("no StatefulSet rapporteur-storage");
  if (maps.length !== 1) problems.push(`${maps.length} ConfigMaps with STORAGE_SHARDS, want 1`);
  let shardCount = 0;
  if (storage && maps.length === 1) {
    const service = byKind("Service").find((s) => s.metadata.name === storage.spec.serviceName);
    if (!service || service.spec.clusterIP !== "None") {
      problems.push(`StatefulSet's serviceName ${storage.spec.serviceName} is not a headless Service`);
    }
    const port = storage.spec.template.spec.containers[0].ports[0].containerPort;
    const namespace = storage.metadata.namespace;
    const shards = maps[0].data.STORAGE_SHARDS.split(",");
    shardCount = shards.length;
    if (shards.length !== storage.spec.replicas) {
      problems.push(`shard map has ${shards.length} entries, StatefulSet ${storage.spec.replicas} replicas`);
    }
    shards.forEach((entry, k) => {
      const host = `${storage.metadata.name}-${k}.${storage.spec.serviceName}`;
      const allowed = [`${host}:${port}`];
      if (namespace) {
        allowed.push(`${host}.${namespace}.svc:${port}`, `${host}.${namespace}.svc.cluster.local:${port}`);
      }
      if (!allowed.includes(entry)) {
        problems.push(`shard map entry ${k} is ${entry}, want one of ${allowed.join(" ")}`);
      }
    });
    // Ingest and query read the map from that ConfigMap into --storage.
    for (const d of byKind("Deployment")) {
      const c = d.spec.template.spec.containers[0];
      const env = (c.env || []).find((e) => e.name === "STORAGE_SHARDS");
      if (flagValue(c.args, "storage") !== "$(STORAGE_SHARDS)" ||
          env?.valueFrom?.configMapKeyRef?.name !== maps[0].metadata.name) {
        problems.push(`Deployment/${d.metadata.name}: --storage is not the shard map ConfigMap`);
      }
    }
  }

  // Every workload is covered by a PodDisruptionBudget, and the stateless
  // ones by an autoscaler.
  for (const w of workloads) {
    const name = w.metadata.name;
    if (!byKind("PodDisruptionBudget").some((p) => p.spec.selector.matchLabels?.["app.kubernetes.io/name"] === name)) {
      problems.push(`${w.kind}/${name}: no PodDisruptionBudget`);
    }
    if (w.kind === "Deployment" &&
        !byKind("HorizontalPodAutoscaler").some((h) => h.spec.scaleTargetRef.name === name)) {
      problems.push(`Deployment/${name}: no HorizontalPodAutoscaler`);
    }
  }
  if (!byKind("NetworkPolicy").some((p) => p.spec.podSelector.matchLabels?.["app.kubernetes.io/name"] === "rapporteur-storage")) {
    problems.push("no NetworkPolicy for storage");
  }
  return { problems, shardCount };
}

// The validator must reject a broken object; otherwise nothing it passes
// means anything.
async function selfTest() {
  const broken = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "broken" },
    spec: {
      selector: { matchLabels: { app: "broken" } },
      template: {
        metadata: { labels: { app: "broken" } },
        // containerPort must be an integer, and a probe's grpc.port too.
        spec: { containers: [{ name: "c", image: "i", ports: [{ containerPort: "50051" }],
                               livenessProbe: { grpc: {} } }] },
      },
    },
  };
  let brokenError = null;
  try { await validateSchema(broken); } catch (error) { brokenError = error; }
  let unknownKindRejected = false;
  try {
    await validateSchema({ apiVersion: "apps/v1", kind: "NoSuchKind", metadata: { name: "x" } });
  } catch { unknownKindRejected = true; }
  const fixed = structuredClone(broken);
  fixed.spec.template.spec.containers[0].ports[0].containerPort = 50051;
  fixed.spec.template.spec.containers[0].livenessProbe.grpc.port = 50051;
  let fixedPasses = true;
  try { await validateSchema(fixed); } catch { fixedPasses = false; }
  if (!brokenError || !unknownKindRejected || !fixedPasses) {
    console.error(`self-test FAILED: broken object rejected ${!!brokenError}, ` +
      `unknown kind rejected ${unknownKindRejected}, corrected object accepted ${fixedPasses}`);
    process.exit(1);
  }
  console.log("self-test: a broken Deployment is rejected " +
    `(${brokenError.message.split("\n")[0]}), an unknown kind too, the corrected one passes`);
}

async function main() {
  await selfTest();
  let failed = false;
  for (const argument of process.argv.slice(2)) {
    const [name, file] = argument.split("=");
    const objects = [];
    for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
      if (doc.errors.length) {
        console.error(`${name}: YAML error: ${doc.errors[0].message}`);
        failed = true;
        continue;
      }
      const obj = doc.toJS();
      if (obj !== null) objects.push(obj);
    }
    const counts = new Map();
    let invalid = 0;
    for (const obj of objects) {
      try {
        await validateSchema(obj);
      } catch (error) {
        console.error(`${name}: ${obj.kind}/${obj.metadata?.name}: ${error.message}`);
        invalid++;
        failed = true;
      }
      counts.set(obj.kind, (counts.get(obj.kind) || 0) + 1);
    }
    const { problems, shardCount } = checkDeployment(objects);
    for (const problem of problems) console.error(`${name}: ${problem}`);
    if (problems.length) failed = true;
    const summary = [...counts].sort().map(([kind, n]) => `${n} ${kind}`).join(", ");
    console.log(`${name}: ${objects.length - invalid} of ${objects.length} objects valid` +
      ` [${summary}], ${problems.length} deployment problems; shard map ${shardCount} entries`);
  }
  process.exit(failed ? 1 : 0);
}

await main();
