// Validates rendered Kubernetes manifests offline, for scripts/check-deploy.
//
//   node validate.mjs NAME=FILE.yaml [NAME=FILE.yaml...]
//
// Every object is checked against the Kubernetes OpenAPI schema of its
// apiVersion and kind (npm kubernetes-models: types, required fields,
// formats, enums). Then the rules of this deployment that no schema knows:
// every Rapporteur workload reaches the one JetStream cluster (--nats); the
// NATS StatefulSet is a quorum-safe cluster (its nats.conf routes, volume,
// disruption budget and lame duck timing agree with it); storage replicas
// take a stable --replica and an --advertise address through their headless
// Service; the cluster-init Job's layout fits the StatefulSets; every
// container runs hardened with probes and resource limits; the services
// serve TLS from Secret volumes (or say --allow_insecure); liveness and
// startup probes never check a health name that follows dependencies;
// ingest and query have a headless Service for in-cluster round robin; pods
// are given longer than their shutdown to stop; every image names a
// release; the gateway reaches the ingest and query Services, with HTTP
// probes and scrapes in the scheme it serves; every Ingress serves TLS for
// its hosts and routes to a port of a Service (for the gateway: its scheme,
// its body size, no buffering). Before any of that, a self-test proves that
// a broken object is rejected, so a validator that accepts everything
// cannot pass unnoticed; and after the rules pass on a rendering, broken
// variants of it (a service without --nats, storage without --replica, two
// NATS servers, no NATS disruption budget, an untagged image, an Ingress
// without TLS or to a missing port, ...) must fail them. Exits 1 on any
// problem.
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
// (NATS connections have no TLS flags: the NetworkPolicy rule of checkNats
// guards them.)
function checkTransport(w, c, at) {
  const problems = [];
  const args = c.args || [];
  if (hasFlag(args, "allow_insecure")) {
    for (const flag of ["tls_cert_file", "storage_tls_ca_file"]) {
      if (hasFlag(args, flag)) problems.push(`${at}: both --allow_insecure and --${flag}`);
    }
  } else {
    const files = ["tls_cert_file", "tls_key_file"];
    if (w.metadata.name === "rapporteur-storage") {
      files.push("tls_client_ca_file");
    } else {
      // Ingest and query call the storage replicas of the shard map.
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

// The gRPC services built from this repository, and the other workloads the
// rules know by name.
const SERVICES = ["rapporteur-storage", "rapporteur-ingest", "rapporteur-query"];
const STORAGE = "rapporteur-storage";
const NATS = "rapporteur-nats";
const NAME_LABEL = "app.kubernetes.io/name";

// A Kubernetes quantity (10Gi, 500M, 1.5G) in bytes.
function quantityBytes(text) {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.exec(String(text));
  if (!match) return undefined;
  const binary = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50 };
  const decimal = { k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15 };
  return Number(match[1]) * (binary[match[2]] ?? decimal[match[2]] ?? 1);
}

// A size in nats.conf, as nats-server reads it: K, M, G, T are powers of
// 1000, KB, KI, KIB (and so on) powers of 1024, in any case.
function natsSizeBytes(text) {
  const match = /^(\d+)([kmgt])?(b|ib|i)?$/i.exec(String(text).trim());
  if (!match) return undefined;
  const power = match[2] ? "kmgt".indexOf(match[2].toLowerCase()) + 1 : 0;
  return Number(match[1]) * (match[3] ? 1024 : 1000) ** power;
}

// A duration in nats.conf (10s, 2m, 1h) in seconds.
function natsDurationSeconds(text) {
  const match = /^(\d+)(s|m|h)$/.exec(String(text).trim());
  if (!match) return undefined;
  return Number(match[1]) * { s: 1, m: 60, h: 3600 }[match[2]];
}

// Reads the part of the NATS configuration format that nats.conf uses:
// `key: value`, `key = value` or `key value`; blocks `key { ... }`; arrays
// `[ ... ]` of values separated by newlines or commas; # and // comments.
// Values stay strings ($VAR references unexpanded). Throws on what it
// cannot read.
function parseNatsConf(text) {
  let i = 0;
  const take = (pattern) => {
    pattern.lastIndex = i;
    const match = pattern.exec(text);
    if (match) i = pattern.lastIndex;
    return match;
  };
  const skip = () => take(/(?:[\s,;]|#[^\n]*|\/\/[^\n]*)*/y);
  function value() {
    skip();
    if (text[i] === "{") {
      i++;
      return block("}");
    }
    if (text[i] === "[") {
      i++;
      const items = [];
      for (;;) {
        skip();
        if (text[i] === "]") {
          i++;
          return items;
        }
        if (i >= text.length) throw new Error("unclosed [");
        items.push(value());
      }
    }
    const quoted = take(/"((?:[^"\\]|\\.)*)"|'([^']*)'/y);
    if (quoted) return quoted[1] ?? quoted[2];
    const bare = take(/[^\s,;\]}#]+/y);
    if (!bare) throw new Error(`no value at offset ${i}`);
    return bare[0];
  }
  function block(close) {
    const result = {};
    for (;;) {
      skip();
      if (i >= text.length) {
        if (close) throw new Error("unclosed {");
        return result;
      }
      if (close && text[i] === close) {
        i++;
        return result;
      }
      const key = take(/[^\s:={}[\]]+/y);
      if (!key) throw new Error(`no key at offset ${i}`);
      take(/[ \t]*[:=]?/y);
      result[key[0]] = value();
    }
  }
  return block(null);
}

function envOf(c, name) {
  return (c.env || []).find((e) => e.name === name);
}

// Whether a NetworkPolicy ingress rule's sources include pods labelled
// app.kubernetes.io/name=name (of the policy's namespace).
function admits(rule, name) {
  return (rule.from || []).some((peer) => {
    const selector = peer.podSelector;
    if (!selector || peer.namespaceSelector) return false;
    if (selector.matchLabels?.[NAME_LABEL] === name) return true;
    return (selector.matchExpressions || []).some((e) =>
      e.key === NAME_LABEL && e.operator === "In" && e.values.includes(name));
  });
}

// Whether a port list (of a NetworkPolicy rule or a Service) names the
// container port `port` (an object with name and containerPort).
function portMatches(ref, port) {
  return ref === port.name || ref === port.containerPort;
}

// Hardening and resources, for every container of every workload.
function checkContainer(c, at, problems) {
  const s = c.securityContext || {};
  if (s.readOnlyRootFilesystem !== true) problems.push(`${at}: root filesystem writable`);
  if (s.allowPrivilegeEscalation !== false) problems.push(`${at}: privilege escalation allowed`);
  if (!(s.capabilities?.drop || []).includes("ALL")) problems.push(`${at}: capabilities not dropped`);
  for (const kind of ["requests", "limits"]) {
    for (const resource of ["cpu", "memory"]) {
      if (!c.resources?.[kind]?.[resource]) problems.push(`${at}: no ${resource} ${kind}`);
    }
  }
}

// The health service name that only says the process serves
// (kLivenessService, lib/rpc/server.h). Every other name a Rapporteur
// server answers ("" and each service's, such as rapporteur.v1.QueryService)
// is readiness: NOT_SERVING while a dependency (storage, NATS) is out.
const LIVENESS_SERVICE = "liveness";

// Probes that restart the container (liveness, startup) check
// LIVENESS_SERVICE only: on a readiness name, an outage of storage would
// restart every ingest and query pod. Readiness checks a readiness name:
// on LIVENESS_SERVICE, a pod that cannot reach storage would stay in
// rotation.
function checkProbeNames(c, at, problems) {
  for (const probe of ["startupProbe", "livenessProbe"]) {
    const grpc = c[probe]?.grpc;
    if (grpc && (grpc.service ?? "") !== LIVENESS_SERVICE) {
      problems.push(`${at}: ${probe} checks health service "${grpc.service ?? ""}", whose ` +
        `state follows dependencies (readiness); want "${LIVENESS_SERVICE}"`);
    }
  }
  const readiness = c.readinessProbe?.grpc;
  if (readiness && readiness.service === LIVENESS_SERVICE) {
    problems.push(`${at}: readinessProbe checks "${LIVENESS_SERVICE}", which ignores dependencies; ` +
      'want "" or the service\'s name');
  }
}

// A Rapporteur service: gRPC probes (liveness apart from readiness), TLS
// (checkTransport), and a grace period above the preStop sleep plus
// --shutdown_grace.
function checkService(w, c, at, problems) {
  const pod = w.spec.template.spec;
  for (const probe of ["livenessProbe", "readinessProbe"]) {
    if (!c[probe]?.grpc?.port) problems.push(`${at}: ${probe} is not a gRPC probe`);
  }
  checkProbeNames(c, at, problems);
  problems.push(...checkTransport(w, c, at));
  const grace = flagValue(c.args, "shutdown_grace") ?? "20s";
  const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
  const needed = durationSeconds(grace) + preStop;
  if (!(pod.terminationGracePeriodSeconds > needed)) {
    problems.push(`${at}: terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} ` +
      `is not above preStop ${preStop}s + --shutdown_grace ${grace}`);
  }
}

// Whether a PodDisruptionBudget lets at most `most` of `pods` pods go.
function budgetAllows(pdb, pods, most) {
  const { maxUnavailable, minAvailable } = pdb.spec;
  if (Number.isInteger(maxUnavailable)) return maxUnavailable <= most;
  if (Number.isInteger(minAvailable)) return pods - minAvailable <= most;
  return false;
}

function budgetFor(objects, name) {
  return objects.find((o) => o.kind === "PodDisruptionBudget" &&
    o.spec.selector.matchLabels?.[NAME_LABEL] === name);
}

// The NATS JetStream cluster: the StatefulSet, its nats.conf, Services,
// disruption budget and NetworkPolicy agree. Returns what the other rules
// need (servers, the --nats URLs that reach it), or undefined.
function checkNats(objects, problems) {
  const sts = objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === NATS);
  if (!sts) {
    problems.push(`no StatefulSet ${NATS}`);
    return undefined;
  }
  const where = `StatefulSet/${NATS}`;
  const pod = sts.spec.template.spec;
  const c = pod.containers.find((x) => x.name === "nats") ?? pod.containers[0];
  const servers = sts.spec.replicas ?? 1;
  const namespace = sts.metadata.namespace;
  // A release, not a moving tag: JetStream's storage and Raft change
  // between releases.
  if (!/^nats(:\d+\.\d+\.\d+(-[a-z0-9.]+)?)?(@sha256:[0-9a-f]{64})?$/.test(c.image) ||
      c.image === "nats") {
    problems.push(`${where}: image ${c.image} is not a pinned nats release`);
  }
  if (!(servers === 1 || (servers >= 3 && servers % 2 === 1))) {
    problems.push(`${where}: ${servers} servers; want an odd number, 3 or more (a quorum ` +
      "survives one server down), or 1 for development");
  }

  // nats.conf: from the ConfigMap mounted where --config points.
  const command = [...(c.command || []), ...(c.args || [])];
  const configAt = command.findIndex((a) => a === "--config" || a === "-c");
  const configPath = configAt >= 0 ? command[configAt + 1] : undefined;
  const configMount = (c.volumeMounts || []).find((m) => configPath?.startsWith(`${m.mountPath}/`));
  const configVolume = (pod.volumes || []).find((v) => v.name === configMount?.name);
  const configMap = objects.find((o) => o.kind === "ConfigMap" &&
    o.metadata.name === configVolume?.configMap?.name);
  const configText = configMap?.data?.[configPath?.slice(configMount.mountPath.length + 1)];
  if (configText === undefined) {
    problems.push(`${where}: --config ${configPath} is not a file of a mounted ConfigMap`);
    return undefined;
  }
  let conf;
  try {
    conf = parseNatsConf(configText);
  } catch (error) {
    problems.push(`${where}: ${configPath}: ${error.message}`);
    return undefined;
  }
  // $VAR in nats.conf: the container's environment.
  const resolve = (value) => {
    const match = /^\$(\w+)$/.exec(value ?? "");
    return match ? envOf(c, match[1])?.value : value;
  };
  const serverNameVar = /^\$(\w+)$/.exec(conf.server_name ?? "")?.[1];
  if (!serverNameVar || envOf(c, serverNameVar)?.valueFrom?.fieldRef?.fieldPath !== "metadata.name") {
    problems.push(`${where}: server_name is not the pod name (a $VAR from the downward API): ` +
      "JetStream needs a stable name per server");
  }

  const ports = Object.fromEntries((c.ports || []).map((p) => [p.containerPort, p]));
  const clientPort = ports[Number(conf.port ?? 4222)];
  const monitorPort = ports[Number(conf.http_port ?? conf.http ?? NaN)];
  if (!clientPort) problems.push(`${where}: client port ${conf.port ?? 4222} is not a container port`);
  if (!monitorPort) problems.push(`${where}: no http_port in nats.conf among the container ports`);

  // JetStream on a volume of its own, with limits below the volume and the
  // container's memory.
  const js = conf.jetstream;
  const storeDir = js?.store_dir;
  const storeMount = (c.volumeMounts || []).find((m) =>
    storeDir === m.mountPath || storeDir?.startsWith(`${m.mountPath}/`));
  const claim = (sts.spec.volumeClaimTemplates || []).find((t) => t.metadata.name === storeMount?.name);
  if (!js || typeof js !== "object") problems.push(`${where}: JetStream not enabled in nats.conf`);
  else if (!claim) problems.push(`${where}: store_dir ${storeDir} is not on a volumeClaimTemplate`);
  if (claim) {
    const volume = quantityBytes(claim.spec.resources?.requests?.storage);
    const limit = natsSizeBytes(resolve(js.max_file_store));
    if (!(limit < volume)) {
      problems.push(`${where}: max_file_store ${resolve(js.max_file_store)} is not below the ` +
        `volume's ${claim.spec.resources?.requests?.storage}`);
    }
  }
  if (js && typeof js === "object") {
    // Unset, JetStream would allow itself 75% of the node's memory.
    const memory = natsSizeBytes(resolve(js.max_memory_store));
    if (!(memory < quantityBytes(c.resources?.limits?.memory))) {
      problems.push(`${where}: max_memory_store ${js.max_memory_store ?? "unset"}, want it below ` +
        `the container's memory limit ${c.resources?.limits?.memory}`);
    }
  }

  // The cluster: routes to exactly the StatefulSet's pods through the
  // headless Service, which publishes not-ready pods (routes come before
  // readiness).
  const headless = objects.find((o) => o.kind === "Service" && o.metadata.name === sts.spec.serviceName);
  const routes = conf.cluster?.routes || [];
  if (servers > 1) {
    if (!headless || headless.spec.clusterIP !== "None" || headless.spec.publishNotReadyAddresses !== true) {
      problems.push(`${where}: serviceName ${sts.spec.serviceName} is not a headless Service ` +
        "publishing not-ready addresses");
    }
    if (!conf.cluster?.name) problems.push(`${where}: nats.conf has no cluster name`);
    const port = Number(conf.cluster?.port ?? 6222);
    if (!ports[port]) problems.push(`${where}: cluster port ${port} is not a container port`);
    if (headless && !headless.spec.ports.some((p) => p.port === port)) {
      problems.push(`Service/${headless.metadata.name}: does not expose the cluster port ${port}`);
    }
    const expected = [];
    const suffixes = ["", ...(namespace ? [`.${namespace}.svc`, `.${namespace}.svc.cluster.local`] : [])];
    for (let k = 0; k < servers; k++) {
      expected.push(suffixes.map((s) => `nats://${NATS}-${k}.${sts.spec.serviceName}${s}:${port}`));
    }
    const unmatched = routes.filter((r) => !expected.some((forms) => forms.includes(r)));
    const missing = expected.filter((forms) => !forms.some((f) => routes.includes(f)));
    if (unmatched.length || missing.length || routes.length !== servers) {
      problems.push(`${where}: cluster routes [${routes.join(" ")}] are not the ${servers} pods ` +
        `${expected.map((forms) => forms[0]).join(" ")}`);
    }
    const antiAffinity = pod.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution || [];
    if (!antiAffinity.some((t) => t.topologyKey === "kubernetes.io/hostname" &&
        t.labelSelector?.matchLabels?.[NAME_LABEL] === NATS)) {
      problems.push(`${where}: servers not required on distinct nodes (podAntiAffinity)`);
    }
  } else if (routes.length) {
    problems.push(`${where}: 1 server with ${routes.length} cluster routes: JetStream would ` +
      "wait for a quorum of absent peers");
  }
  if (!sts.spec.volumeClaimTemplates?.length) problems.push(`${where}: no volumeClaimTemplates`);

  // A drain keeps the quorum.
  const pdb = budgetFor(objects, NATS);
  const most = servers >= 3 ? Math.floor((servers - 1) / 2) : servers;
  if (pdb && !budgetAllows(pdb, servers, most)) {
    problems.push(`PodDisruptionBudget/${pdb.metadata.name}: lets more than ${most} of ${servers} ` +
      "NATS servers go (the quorum)");
  }

  // Probes on the monitoring port. Liveness checks JetStream is enabled,
  // nothing more: the full health check fails while the quorum is lost,
  // and restarting the surviving servers would not bring it back.
  for (const probe of ["livenessProbe", "readinessProbe"]) {
    const get = c[probe]?.httpGet;
    if (!get || !monitorPort || !portMatches(get.port, monitorPort) || !get.path?.startsWith("/healthz")) {
      problems.push(`${where}: ${probe} is not an HTTP /healthz probe on the monitoring port`);
    }
  }
  if (c.livenessProbe?.httpGet && !/js-enabled-only=true/.test(c.livenessProbe.httpGet.path)) {
    problems.push(`${where}: livenessProbe is not /healthz?js-enabled-only=true`);
  }

  // Lame duck mode from preStop, through the pid file of nats.conf, ending
  // before the grace period.
  const preStop = (c.lifecycle?.preStop?.exec?.command || []).join(" ");
  if (!conf.pid_file || !preStop.includes(`ldm=${conf.pid_file}`)) {
    problems.push(`${where}: preStop does not signal lame duck mode to pid_file ${conf.pid_file}`);
  }
  const lameDuck = natsDurationSeconds(conf.lame_duck_grace_period ?? "10s") +
    natsDurationSeconds(conf.lame_duck_duration ?? "2m");
  if (!(pod.terminationGracePeriodSeconds > lameDuck)) {
    problems.push(`${where}: terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} is ` +
      `not above lame_duck_grace_period + lame_duck_duration (${lameDuck}s)`);
  }

  // The client Service: --nats URLs may name it, or a server through the
  // headless Service.
  const client = objects.find((o) => o.kind === "Service" && o.spec.clusterIP !== "None" &&
    o.spec.selector?.[NAME_LABEL] === NATS);
  const urls = new Set();
  const hostForms = (host) =>
    [host, ...(namespace ? [`${host}.${namespace}.svc`, `${host}.${namespace}.svc.cluster.local`] : [])];
  const servicePort = client?.spec.ports.find((p) => clientPort && portMatches(p.targetPort, clientPort));
  if (!servicePort) problems.push(`no Service for the NATS client port`);
  else for (const h of hostForms(client.metadata.name)) urls.add(`nats://${h}:${servicePort.port}`);
  if (clientPort) {
    for (let k = 0; k < servers; k++) {
      for (const h of hostForms(`${NATS}-${k}.${sts.spec.serviceName}`)) {
        urls.add(`nats://${h}:${clientPort.containerPort}`);
      }
    }
  }
  const policy = objects.find((o) => o.kind === "NetworkPolicy" &&
    o.spec.podSelector.matchLabels?.[NAME_LABEL] === NATS);
  if (!policy) problems.push("no NetworkPolicy for NATS (it has no client authentication)");
  const clientRules = (policy?.spec.ingress || []).filter((r) =>
    (r.ports || []).some((p) => clientPort && portMatches(p.port, clientPort)));
  return { servers, urls, clientRules };
}

// The storage replicas: a StatefulSet behind a headless Service, each pod
// named in the shard map by its pod name and reached at its own DNS name.
function checkStorage(objects, problems) {
  const sts = objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === STORAGE);
  if (!sts) {
    problems.push(`no StatefulSet ${STORAGE}`);
    return undefined;
  }
  const where = `StatefulSet/${STORAGE}`;
  const service = objects.find((o) => o.kind === "Service" && o.metadata.name === sts.spec.serviceName);
  if (!service || service.spec.clusterIP !== "None") {
    problems.push(`${where}: serviceName ${sts.spec.serviceName} is not a headless Service`);
  }
  const c = sts.spec.template.spec.containers[0];
  const fieldOf = (name) => envOf(c, name)?.valueFrom?.fieldRef?.fieldPath;
  if (flagValue(c.args, "replica") !== "$(POD_NAME)" || fieldOf("POD_NAME") !== "metadata.name") {
    problems.push(`${where}: --replica is not $(POD_NAME) from the downward API (metadata.name), ` +
      "the name that stays with the pod's volume");
  }
  const port = c.ports?.find((p) => p.name === "grpc")?.containerPort;
  if (port === undefined || portOf(flagValue(c.args, "listen")) !== port) {
    problems.push(`${where}: --listen is not on the container port named grpc`);
  }
  const host = `$(POD_NAME).${sts.spec.serviceName}.$(POD_NAMESPACE).svc`;
  const allowed = [`${host}:${port}`, `${host}.cluster.local:${port}`];
  if (!allowed.includes(flagValue(c.args, "advertise")) || fieldOf("POD_NAMESPACE") !== "metadata.namespace") {
    problems.push(`${where}: --advertise is ${flagValue(c.args, "advertise")}, want ${allowed[0]} ` +
      "(POD_NAME, POD_NAMESPACE from the downward API)");
  }
  // The database, and its backups when there are some, outlive the pod:
  // not on the read-only root filesystem nor on a scratch emptyDir.
  for (const flag of ["data", "backup_dir"]) {
    const path = flagValue(c.args, flag);
    if (flag === "backup_dir" && path === undefined) continue;
    const mount = (c.volumeMounts || []).find((m) => path?.startsWith(`${m.mountPath}/`));
    if (!(sts.spec.volumeClaimTemplates || []).some((t) => t.metadata.name === mount?.name)) {
      problems.push(`${where}: --${flag}=${path} is not on a volumeClaimTemplate`);
    }
  }
  return { replicas: sts.spec.replicas ?? 1 };
}

// The Job running `rapporteur cluster init`: its layout must fit the
// StatefulSets. Returns { partitions, replicas, streamReplicas } or
// undefined.
function checkClusterInit(objects, problems, nats, storage) {
  const jobs = objects.filter((o) => o.kind === "Job" &&
    o.spec.template.spec.containers.some((c) => c.args?.[0] === "cluster" && c.args?.[1] === "init"));
  if (jobs.length !== 1) {
    problems.push(`${jobs.length} Jobs run rapporteur cluster init, want 1`);
    return undefined;
  }
  const job = jobs[0];
  const where = `Job/${job.metadata.name}`;
  const c = job.spec.template.spec.containers.find((x) => x.args?.[1] === "init");
  const count = (flag) => {
    const text = flagValue(c.args, flag);
    const n = /^\d+$/.test(text ?? "") ? Number(text) : NaN;
    if (!(n >= 1)) problems.push(`${where}: --${flag} is ${text}, want a positive integer`);
    return n;
  };
  const partitions = count("partitions");
  const replicas = count("replicas");
  const streamReplicas = count("stream_replicas");
  if (storage && replicas > storage.replicas) {
    problems.push(`${where}: --replicas=${replicas} per partition, but ${storage.replicas} ` +
      "storage replicas: partitions could never have enough");
  }
  if (nats && !(streamReplicas <= Math.min(nats.servers, 5))) {
    problems.push(`${where}: --stream_replicas=${streamReplicas} with ${nats.servers} NATS servers ` +
      "(JetStream allows at most the servers, and 5)");
  }
  // NATS may be forming when the Job starts: it must be retried.
  if (!(job.spec.backoffLimit >= 3)) problems.push(`${where}: backoffLimit below 3`);
  // A drain keeps a replica of every partition.
  const pdb = budgetFor(objects, STORAGE);
  if (storage && pdb && replicas >= 2 && !budgetAllows(pdb, storage.replicas, replicas - 1)) {
    problems.push(`PodDisruptionBudget/${pdb.metadata.name}: lets ${replicas} or more storage ` +
      `replicas go, all the copies of a partition with --replicas=${replicas}`);
  }
  return { partitions, replicas, streamReplicas, job };
}

// The gateway (REST/JSON, the console) over ingest and query.
const GATEWAY = "rapporteur-gateway";

// Whether an image names a release: a tag other than latest, or a digest.
// Kustomize's images: entries set the tags; a missing entry leaves the bare
// name, which the runtime reads as :latest.
function imagePinned(image) {
  const [name, digest] = String(image).split("@");
  const tag = /:([^:/]+)$/.exec(name)?.[1];
  if (digest !== undefined) return /^sha256:[0-9a-f]{64}$/.test(digest);
  return tag !== undefined && tag !== "latest";
}

// Whether `path` (a flag's file) is on a read-only Secret volume of the pod.
function onSecretVolume(w, c, path) {
  const mount = (c.volumeMounts || []).find((m) => path.startsWith(`${m.mountPath}/`));
  const volume = (w.spec.template.spec.volumes || []).find((v) => v.name === mount?.name);
  return mount?.readOnly === true && !!volume?.secret?.secretName;
}

// The container port a probe or an annotation names (by name or number).
function containerPort(c, ref) {
  return (c.ports || []).find((p) => portMatches(ref, p) || String(p.containerPort) === String(ref));
}

// The Service that a "HOST:PORT" flag reaches, when HOST is a Service of
// the rendering (short, .<namespace>.svc or .svc.cluster.local name) and
// PORT one of its ports.
function serviceAt(objects, address, namespace) {
  const match = /^([a-z0-9.-]+):(\d+)$/.exec(address || "");
  if (!match) return undefined;
  return objects.find((o) => {
    if (o.kind !== "Service") return false;
    const name = o.metadata.name;
    const hosts = [name, ...(namespace ? [`${name}.${namespace}.svc`, `${name}.${namespace}.svc.cluster.local`] : [])];
    return hosts.includes(match[1]) && o.spec.ports.some((p) => p.port === Number(match[2]));
  });
}

// A size as ingress-nginx's proxy-body-size reads it (nginx: k and m are
// KiB and MiB, g GiB; 0 is no limit) in bytes.
function nginxSizeBytes(text) {
  const match = /^(\d+)([kmg])?$/i.exec(String(text ?? "").trim());
  if (!match) return undefined;
  const n = Number(match[1]);
  if (n === 0) return Infinity;
  return n * 1024 ** (match[2] ? "kmg".indexOf(match[2].toLowerCase()) + 1 : 0);
}

// The gateway: HTTPS from Secret volumes (or --allow_insecure), TLS to
// ingest and query with their authority, --ingest and --query on their
// Services, HTTP probes /healthz and /readyz on its port in its scheme,
// scrape annotations Prometheus can follow (the scheme picks the job in
// deploy/monitoring/prometheus.yml), and a grace period above the preStop
// sleep plus --call_timeout.
function checkGateway(objects, w, c, at, problems) {
  const pod = w.spec.template.spec;
  const args = c.args || [];
  const tls = hasFlag(args, "tls_cert_file");
  if (hasFlag(args, "allow_insecure")) {
    for (const flag of ["tls_cert_file", "services_tls_ca_file"]) {
      if (hasFlag(args, flag)) problems.push(`${at}: both --allow_insecure and --${flag}`);
    }
  } else {
    const files = ["tls_cert_file", "tls_key_file", "services_tls_ca_file"];
    for (const flag of ["services_tls_cert_file", "services_tls_key_file"]) {
      if (hasFlag(args, flag)) files.push(flag);
    }
    for (const flag of files) {
      const path = flagValue(args, flag);
      if (!path) problems.push(`${at}: neither --${flag} nor --allow_insecure`);
      else if (!onSecretVolume(w, c, path)) {
        problems.push(`${at}: --${flag}=${path} is not on a read-only Secret volume`);
      }
    }
  }
  const namespace = w.metadata.namespace;
  for (const [flag, target] of [["ingest", "rapporteur-ingest"], ["query", "rapporteur-query"]]) {
    const service = serviceAt(objects, flagValue(args, flag), namespace);
    if (service?.spec.selector?.[NAME_LABEL] !== target) {
      problems.push(`${at}: --${flag}=${flagValue(args, flag)} is not a port of the Service of ${target}`);
    }
  }
  const listen = portOf(flagValue(args, "listen"));
  const scheme = tls ? "HTTPS" : "HTTP";
  for (const [probe, path] of [["livenessProbe", "/healthz"], ["readinessProbe", "/readyz"]]) {
    const get = c[probe]?.httpGet;
    if (!get || get.path !== path || containerPort(c, get.port)?.containerPort !== listen ||
        (get.scheme ?? "HTTP") !== scheme) {
      problems.push(`${at}: ${probe} is not an ${scheme} GET ${path} on the --listen port ${listen}`);
    }
  }
  const annotations = w.spec.template.metadata?.annotations || {};
  if (annotations["prometheus.io/scrape"] === "true" &&
      (Number(annotations["prometheus.io/port"]) !== listen ||
       (annotations["prometheus.io/scheme"] ?? "http") !== scheme.toLowerCase())) {
    problems.push(`${at}: scraped at ${annotations["prometheus.io/scheme"] ?? "http"} port ` +
      `${annotations["prometheus.io/port"]}, but /metrics is ${scheme} on ${listen}`);
  }
  const timeout = flagValue(args, "call_timeout") ?? "60s";
  const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
  if (!(pod.terminationGracePeriodSeconds > durationSeconds(timeout) + preStop)) {
    problems.push(`${at}: terminationGracePeriodSeconds ${pod.terminationGracePeriodSeconds} ` +
      `is not above preStop ${preStop}s + --call_timeout ${timeout}`);
  }
}

// Every Ingress serves TLS for each of its hosts from a Secret, and each of
// its backends is a port of a Service of the rendering. In front of the
// gateway, ingress-nginx speaks the gateway's scheme (backend-protocol),
// lets through the bodies the gateway takes (proxy-body-size against
// --max_body_bytes) and does not buffer its streamed answers.
function checkIngresses(objects, problems) {
  const routes = [];
  for (const ingress of objects.filter((o) => o.kind === "Ingress")) {
    const where = `Ingress/${ingress.metadata.name}`;
    const tls = ingress.spec.tls || [];
    if (!tls.length || tls.some((t) => !t.secretName)) {
      problems.push(`${where}: no TLS (spec.tls with a secretName)`);
    }
    const rules = ingress.spec.rules || [];
    for (const rule of rules) {
      if (!rule.host || !tls.some((t) => (t.hosts || []).includes(rule.host))) {
        problems.push(`${where}: host ${rule.host ?? "(any)"} is not among its TLS hosts`);
      }
    }
    const backends = [ingress.spec.defaultBackend,
      ...rules.flatMap((r) => (r.http?.paths || []).map((p) => p.backend))].filter(Boolean);
    if (!backends.length) problems.push(`${where}: no backend`);
    const annotations = ingress.metadata.annotations || {};
    for (const backend of backends) {
      const ref = backend.service;
      const wanted = ref?.port?.name ?? ref?.port?.number;
      const service = objects.find((o) => o.kind === "Service" && o.metadata.name === ref?.name);
      const port = service?.spec.ports.find((p) => p.name === wanted || p.port === wanted);
      if (!port) {
        problems.push(`${where}: backend ${ref?.name}:${wanted} is not a port of a Service`);
        continue;
      }
      routes.push(`${rules.map((r) => r.host).join(",")} -> ${ref.name}:${port.port}`);
      if (service.spec.selector?.[NAME_LABEL] !== GATEWAY) continue;
      const gateway = objects.find((o) => o.kind === "Deployment" && o.metadata.name === GATEWAY);
      const c = gateway?.spec.template.spec.containers[0];
      if (!c) continue;
      const scheme = hasFlag(c.args, "tls_cert_file") ? "HTTPS" : "HTTP";
      if ((annotations["nginx.ingress.kubernetes.io/backend-protocol"] ?? "HTTP") !== scheme) {
        problems.push(`${where}: backend-protocol is not ${scheme}, which the gateway serves`);
      }
      const maxBody = Number(flagValue(c.args, "max_body_bytes") ?? 96 * 2 ** 20);
      const body = annotations["nginx.ingress.kubernetes.io/proxy-body-size"];
      if (!(nginxSizeBytes(body ?? "1m") >= maxBody)) {
        problems.push(`${where}: proxy-body-size ${body ?? "1m (the default)"} is below the ` +
          `gateway's --max_body_bytes ${maxBody}`);
      }
      if (annotations["nginx.ingress.kubernetes.io/proxy-buffering"] !== "off") {
        problems.push(`${where}: proxy-buffering is not off: streamed searches would wait in the proxy`);
      }
    }
  }
  return routes;
}

// The rules of this deployment, beyond the schemas. Returns problems and a
// one-line summary of the cluster.
function checkDeployment(objects) {
  const problems = [];
  const byKind = (kind) => objects.filter((o) => o.kind === kind);
  const workloads = [...byKind("Deployment"), ...byKind("StatefulSet"), ...byKind("Job")];

  for (const w of workloads) {
    const where = `${w.kind}/${w.metadata.name}`;
    const pod = w.spec.template.spec;
    const podSecurity = pod.securityContext || {};
    if (podSecurity.runAsNonRoot !== true) problems.push(`${where}: pod not runAsNonRoot`);
    if (podSecurity.seccompProfile?.type !== "RuntimeDefault") {
      problems.push(`${where}: seccompProfile is not RuntimeDefault`);
    }
    for (const c of [...(pod.initContainers || []), ...pod.containers]) {
      checkContainer(c, `${where} container ${c.name}`, problems);
      if (!imagePinned(c.image)) {
        problems.push(`${where} container ${c.name}: image ${c.image} has no tag nor digest`);
      }
    }
    // deploy/monitoring keeps only pods labelled part-of=rapporteur: a pod
    // asking to be scraped without the label would never be.
    const template = w.spec.template.metadata || {};
    if (template.annotations?.["prometheus.io/scrape"] === "true" &&
        template.labels?.["app.kubernetes.io/part-of"] !== "rapporteur") {
      problems.push(`${where}: pods ask to be scraped but lack app.kubernetes.io/part-of=rapporteur, ` +
        "which Prometheus keeps (deploy/monitoring/prometheus.yml)");
    }
    if (SERVICES.includes(w.metadata.name)) {
      for (const c of pod.containers) checkService(w, c, `${where} container ${c.name}`, problems);
    } else if (w.metadata.name === GATEWAY) {
      for (const c of pod.containers) checkGateway(objects, w, c, `${where} container ${c.name}`, problems);
    } else if (w.kind !== "Job" && w.metadata.name !== NATS) {
      problems.push(`${where}: a workload these rules do not know (no probe or shutdown rules)`);
    }
  }

  const nats = checkNats(objects, problems);
  const storage = checkStorage(objects, problems);
  const layout = checkClusterInit(objects, problems, nats, storage);

  // Every service, and the init Job, reach the same JetStream cluster, and
  // the NetworkPolicy in front of NATS admits them. Ingest and query take
  // the storage replicas from the shard map, no longer from --storage.
  const clients = workloads.filter((w) => SERVICES.includes(w.metadata.name));
  if (layout) clients.push(layout.job);
  const natsValues = new Set();
  for (const w of clients) {
    const where = `${w.kind}/${w.metadata.name}`;
    const c = w.spec.template.spec.containers[0];
    const value = flagValue(c.args, "nats");
    if (value === undefined) {
      problems.push(`${where}: no --nats`);
      continue;
    }
    natsValues.add(value);
    for (const url of value.split(",")) {
      if (nats && !nats.urls.has(url)) {
        problems.push(`${where}: --nats ${url} is not the NATS client Service nor a NATS server`);
      }
    }
    if (w.metadata.name !== STORAGE && hasFlag(c.args, "storage")) {
      problems.push(`${where}: --storage beside --nats (the shard map lists the storage replicas)`);
    }
    const label = w.spec.template.metadata?.labels?.[NAME_LABEL];
    if (nats && !nats.clientRules.some((r) => admits(r, label))) {
      problems.push(`${where}: pods (${NAME_LABEL}=${label}) not admitted to the NATS client port ` +
        "by its NetworkPolicy");
    }
  }
  if (natsValues.size > 1) {
    problems.push(`workloads reach different NATS clusters: ${[...natsValues].join(" | ")}`);
  }

  // Every long-running workload is covered by a PodDisruptionBudget, and
  // the stateless ones by an autoscaler.
  for (const w of workloads.filter((x) => x.kind !== "Job")) {
    const name = w.metadata.name;
    if (!budgetFor(objects, name)) problems.push(`${w.kind}/${name}: no PodDisruptionBudget`);
    if (w.kind === "Deployment" &&
        !byKind("HorizontalPodAutoscaler").some((h) => h.spec.scaleTargetRef.name === name)) {
      problems.push(`Deployment/${name}: no HorizontalPodAutoscaler`);
    }
  }
  // gRPC clients inside the cluster balance over the stateless services'
  // pods through a headless Service (a dns:/// target, round robin): a
  // ClusterIP Service pins each HTTP/2 connection to one pod.
  for (const w of byKind("Deployment").filter((x) => SERVICES.includes(x.metadata.name))) {
    const labels = w.spec.template.metadata?.labels || {};
    const headless = byKind("Service").some((svc) => svc.spec.clusterIP === "None" &&
      Object.keys(svc.spec.selector || {}).length > 0 &&
      Object.entries(svc.spec.selector).every(([k, v]) => labels[k] === v) &&
      (svc.spec.ports || []).some((p) => p.targetPort === "grpc"));
    if (!headless) {
      problems.push(`Deployment/${w.metadata.name}: no headless Service to its grpc port ` +
        "(in-cluster clients could not spread calls over its pods)");
    }
  }
  if (!byKind("NetworkPolicy").some((p) => p.spec.podSelector.matchLabels?.[NAME_LABEL] === STORAGE)) {
    problems.push("no NetworkPolicy for storage");
  }

  const routes = checkIngresses(objects, problems);

  const summary = nats && storage && layout
    ? `NATS ${nats.servers} server${nats.servers === 1 ? "" : "s"}, streams R${layout.streamReplicas}; ` +
      `${layout.partitions} partitions, ${layout.replicas} replicas each over ` +
      `${storage.replicas} storage pods`
    : "cluster incomplete";
  return { problems, summary: summary + (routes.length ? `; Ingress ${routes.join(", ")}` : "") };
}

// Broken variants of a rendering that passed: each must fail the rules, or
// the rules are not checking what they claim.
const MUTATIONS = [
  ["ingest with --storage instead of --nats", (objects) => {
    const c = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "rapporteur-ingest")
      .spec.template.spec.containers[0];
    c.args = c.args.filter((a) => !a.startsWith("--nats=")).concat("--storage=rapporteur-storage-0:50051");
  }],
  ["storage without --replica", (objects) => {
    const c = objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === STORAGE)
      .spec.template.spec.containers[0];
    c.args = c.args.filter((a) => !a.startsWith("--replica="));
  }],
  ["storage backups on the scratch /tmp", (objects) => {
    const c = objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === STORAGE)
      .spec.template.spec.containers[0];
    c.args = c.args.filter((a) => !a.startsWith("--backup_dir=")).concat("--backup_dir=/tmp/backups");
  }],
  ["2 NATS servers", (objects) => {
    objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === NATS).spec.replicas = 2;
  }],
  ["no NATS PodDisruptionBudget", (objects) => {
    objects.splice(objects.indexOf(budgetFor(objects, NATS)), 1);
  }],
  ["query liveness on readiness (health service \"\")", (objects) => {
    const c = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "rapporteur-query")
      .spec.template.spec.containers[0];
    delete c.livenessProbe.grpc.service;
  }],
  ["ingest liveness on its service's name", (objects) => {
    const c = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "rapporteur-ingest")
      .spec.template.spec.containers[0];
    c.livenessProbe.grpc.service = "rapporteur.v1.IngestService";
  }],
  ["storage startup probe on readiness", (objects) => {
    const c = objects.find((o) => o.kind === "StatefulSet" && o.metadata.name === STORAGE)
      .spec.template.spec.containers[0];
    c.startupProbe.grpc.service = "";
  }],
  ["query readiness on liveness", (objects) => {
    const c = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "rapporteur-query")
      .spec.template.spec.containers[0];
    c.readinessProbe.grpc.service = LIVENESS_SERVICE;
  }],
  ["query without its headless Service", (objects) => {
    objects.splice(objects.findIndex((o) => o.kind === "Service" &&
      o.metadata.name === "rapporteur-query-headless"), 1);
  }],
  ["query pods without the label Prometheus keeps", (objects) => {
    const w = objects.find((o) => o.kind === "Deployment" && o.metadata.name === "rapporteur-query");
    delete w.spec.template.metadata.labels["app.kubernetes.io/part-of"];
  }],
  ["gateway image without a tag (no images: entry)", (objects) => {
    const c = objects.find((o) => o.kind === "Deployment" && o.metadata.name === GATEWAY)
      .spec.template.spec.containers[0];
    c.image = c.image.replace(/[:@].*$/, "");
  }],
  ["gateway readiness probe in the other scheme than it serves", (objects) => {
    const get = objects.find((o) => o.kind === "Deployment" && o.metadata.name === GATEWAY)
      .spec.template.spec.containers[0].readinessProbe.httpGet;
    get.scheme = get.scheme === "HTTPS" ? "HTTP" : "HTTPS";
  }],
  ["gateway --query on a port its Service lacks", (objects) => {
    const c = objects.find((o) => o.kind === "Deployment" && o.metadata.name === GATEWAY)
      .spec.template.spec.containers[0];
    c.args = c.args.map((a) => (a.startsWith("--query=") ? "--query=rapporteur-query:50052" : a));
  }],
  // Only the overlays have an Ingress (the host is the environment's).
  ["an Ingress without TLS", (objects) => {
    delete objects.find((o) => o.kind === "Ingress").spec.tls;
  }, (objects) => objects.some((o) => o.kind === "Ingress")],
  ["an Ingress to the gateway's container port, not its Service port", (objects) => {
    const ingress = objects.find((o) => o.kind === "Ingress");
    ingress.spec.rules[0].http.paths[0].backend.service.port = { number: 8443 };
  }, (objects) => objects.some((o) => o.kind === "Ingress")],
  ["an Ingress whose body size is below the gateway's --max_body_bytes", (objects) => {
    const ingress = objects.find((o) => o.kind === "Ingress");
    ingress.metadata.annotations["nginx.ingress.kubernetes.io/proxy-body-size"] = "1m";
  }, (objects) => objects.some((o) => o.kind === "Ingress")],
];

// The broken variants that apply to a rendering (those of the Ingress only
// where there is one).
function mutationsFor(objects) {
  return MUTATIONS.filter(([, , applies]) => !applies || applies(objects));
}

function mutationTest(objects) {
  const accepted = [];
  for (const [what, mutate] of mutationsFor(objects)) {
    const copy = structuredClone(objects);
    try {
      mutate(copy);
    } catch {
      // Only renderings that passed are mutated, so the objects exist.
      accepted.push(`${what} (could not be made)`);
      continue;
    }
    if (checkDeployment(copy).problems.length === 0) accepted.push(what);
  }
  return accepted;
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
    const { problems, summary } = checkDeployment(objects);
    for (const problem of problems) console.error(`${name}: ${problem}`);
    if (problems.length) failed = true;
    const kinds = [...counts].sort().map(([kind, n]) => `${n} ${kind}`).join(", ");
    console.log(`${name}: ${objects.length - invalid} of ${objects.length} objects valid` +
      ` [${kinds}], ${problems.length} deployment problems; ${summary}`);
    if (!problems.length) {
      const accepted = mutationTest(objects);
      for (const what of accepted) console.error(`${name}: broken variant passes the rules: ${what}`);
      if (accepted.length) failed = true;
      else {
        const applied = mutationsFor(objects);
        console.log(`${name}: ${applied.length} broken variants rejected (${applied.map(([w]) => w).join("; ")})`);
      }
    }
  }
  process.exit(failed ? 1 : 0);
}

await main();
