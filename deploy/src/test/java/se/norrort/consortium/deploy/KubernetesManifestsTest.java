package se.norrort.consortium.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in {@code deploy/kubernetes}, checked without a cluster: every document parses into the
 * Kubernetes API's typed model (fabric8 kubernetes-model) with no field the API does not know (a misspelt or
 * misplaced field fails), and the manifests hang together: every workload's containers have readiness and liveness
 * probes on ports they declare and resource requests and limits; every Service and PodDisruptionBudget selects a
 * workload; every ConfigMap and Secret a workload names is defined.
 */
class KubernetesManifestsTest {

    /** Tests run in the module folder, deploy/. */
    private static final Path DIR = Path.of("kubernetes");

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace",
            Namespace.class,
            "v1/ConfigMap",
            ConfigMap.class,
            "v1/Secret",
            Secret.class,
            "v1/Service",
            Service.class,
            "apps/v1/Deployment",
            Deployment.class,
            "apps/v1/StatefulSet",
            StatefulSet.class,
            "policy/v1/PodDisruptionBudget",
            PodDisruptionBudget.class,
            "batch/v1/Job",
            Job.class);

    private final ObjectMapper yaml =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private List<HasMetadata> load(List<String> problems) throws IOException {
        List<HasMetadata> all = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("manifests in " + DIR.toAbsolutePath()).isNotEmpty();
        for (Path file : files) {
            try (MappingIterator<JsonNode> docs = yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
                int n = 0;
                while (docs.hasNext()) {
                    JsonNode doc = docs.next();
                    n++;
                    if (doc == null || doc.isNull() || doc.isEmpty()) {
                        continue;
                    }
                    String where = file.getFileName() + " #" + n;
                    String kind = doc.path("apiVersion").asText() + "/"
                            + doc.path("kind").asText();
                    Class<? extends HasMetadata> type = KINDS.get(kind);
                    if (type == null) {
                        problems.add(where + ": kind " + kind + " is not one this test knows");
                        continue;
                    }
                    HasMetadata resource = yaml.treeToValue(doc, type);
                    unknownFields(resource, where + " " + kind, problems, new IdentityHashMap<>());
                    if (resource.getMetadata() == null || resource.getMetadata().getName() == null) {
                        problems.add(where + ": no metadata.name");
                    }
                    all.add(resource);
                }
            }
        }
        return all;
    }

    /** fabric8 keeps fields it does not know in additionalProperties: there must be none anywhere. */
    private static void unknownFields(Object value, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, true) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        try {
            for (PropertyDescriptor property :
                    Introspector.getBeanInfo(value.getClass()).getPropertyDescriptors()) {
                Method getter = property.getReadMethod();
                if (getter == null
                        || getter.getParameterCount() > 0
                        || property.getName().equals("class")) {
                    continue;
                }
                Object child = getter.invoke(value);
                if (property.getName().equals("additionalProperties")) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(path + ": unknown field(s) " + extra.keySet());
                    }
                } else {
                    unknownFields(child, path + "." + property.getName(), problems, seen);
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            problems.add(path + ": " + e);
        }
    }

    @Test
    void everyManifestIsValidAgainstTheApiModelAndTheyHangTogether() throws IOException {
        List<String> problems = new ArrayList<>();
        List<HasMetadata> all = load(problems);

        List<PodTemplateSpec> templates = new ArrayList<>();
        Set<String> configMaps = new java.util.HashSet<>();
        Set<String> secrets = new java.util.HashSet<>();
        for (HasMetadata r : all) {
            if (r instanceof Deployment d) {
                templates.add(d.getSpec().getTemplate());
                checkSelector(
                        r,
                        d.getSpec().getSelector().getMatchLabels(),
                        d.getSpec().getTemplate(),
                        problems);
            } else if (r instanceof StatefulSet s) {
                templates.add(s.getSpec().getTemplate());
                checkSelector(
                        r,
                        s.getSpec().getSelector().getMatchLabels(),
                        s.getSpec().getTemplate(),
                        problems);
            } else if (r instanceof ConfigMap c) {
                configMaps.add(c.getMetadata().getName());
            } else if (r instanceof Secret s) {
                secrets.add(s.getMetadata().getName());
            }
        }
        for (HasMetadata r : all) {
            String name = r.getKind() + " " + r.getMetadata().getName();
            if (r instanceof Deployment || r instanceof StatefulSet) {
                PodTemplateSpec t = r instanceof Deployment d
                        ? d.getSpec().getTemplate()
                        : ((StatefulSet) r).getSpec().getTemplate();
                for (Container c : t.getSpec().getContainers()) {
                    String where = name + " container " + c.getName();
                    checkProbe(where + " readiness", c.getReadinessProbe(), c, problems);
                    checkProbe(where + " liveness", c.getLivenessProbe(), c, problems);
                }
                List<Container> all2 = new ArrayList<>(t.getSpec().getContainers());
                if (t.getSpec().getInitContainers() != null) {
                    all2.addAll(t.getSpec().getInitContainers());
                }
                for (Container c : all2) {
                    checkResources(name + " container " + c.getName(), c, problems);
                    checkReferences(name + " container " + c.getName(), c, configMaps, secrets, problems);
                }
            }
            if (r instanceof Job j) {
                for (Container c : j.getSpec().getTemplate().getSpec().getContainers()) {
                    checkResources(name + " container " + c.getName(), c, problems);
                    checkReferences(name + " container " + c.getName(), c, configMaps, secrets, problems);
                }
            }
            if (r instanceof Service s && !selectsAny(s.getSpec().getSelector(), templates)) {
                problems.add(name + ": selector " + s.getSpec().getSelector() + " selects no workload");
            }
            if (r instanceof PodDisruptionBudget p
                    && !selectsAny(p.getSpec().getSelector().getMatchLabels(), templates)) {
                problems.add(name + ": selector selects no workload");
            }
        }
        assertThat(all)
                .extracting(HasMetadata::getKind)
                .contains("Deployment", "StatefulSet", "Service", "PodDisruptionBudget", "ConfigMap", "Secret");
        assertThat(problems).isEmpty();
    }

    @Test
    void aMisspeltFieldIsFound() throws IOException {
        List<String> problems = new ArrayList<>();
        Deployment d = yaml.treeToValue(yaml.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicas: 1
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinessProbes: {}
                """), Deployment.class);
        unknownFields(d, "test", problems, new IdentityHashMap<>());
        assertThat(problems).singleElement().asString().contains("readinessProbes");
    }

    private static void checkSelector(
            HasMetadata r, Map<String, String> selector, PodTemplateSpec template, List<String> problems) {
        if (selector == null || !template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
            problems.add(r.getKind() + " " + r.getMetadata().getName() + ": selector does not match its template");
        }
    }

    private static boolean selectsAny(Map<String, String> selector, List<PodTemplateSpec> templates) {
        return selector != null
                && !selector.isEmpty()
                && templates.stream()
                        .anyMatch(t -> t.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()));
    }

    private static void checkProbe(String where, Probe probe, Container c, List<String> problems) {
        if (probe == null) {
            problems.add(where + " probe missing");
            return;
        }
        var port = probe.getHttpGet() != null
                ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
        if (port != null
                && port.getStrVal() != null
                && (c.getPorts() == null
                        || c.getPorts().stream().noneMatch(p -> port.getStrVal().equals(p.getName())))) {
            problems.add(where + " probe names port " + port.getStrVal() + " the container does not declare");
        }
    }

    private static void checkResources(String where, Container c, List<String> problems) {
        if (c.getResources() == null
                || c.getResources().getRequests() == null
                || c.getResources().getLimits() == null
                || !c.getResources().getRequests().keySet().containsAll(List.of("cpu", "memory"))
                || !c.getResources().getLimits().keySet().containsAll(List.of("cpu", "memory"))) {
            problems.add(where + ": needs cpu and memory requests and limits");
        }
    }

    private static void checkReferences(
            String where, Container c, Set<String> configMaps, Set<String> secrets, List<String> problems) {
        if (c.getEnvFrom() != null) {
            c.getEnvFrom().forEach(e -> {
                if (e.getConfigMapRef() != null
                        && !configMaps.contains(e.getConfigMapRef().getName())) {
                    problems.add(where + ": ConfigMap " + e.getConfigMapRef().getName() + " is not defined");
                }
                if (e.getSecretRef() != null
                        && !secrets.contains(e.getSecretRef().getName())) {
                    problems.add(where + ": Secret " + e.getSecretRef().getName() + " is not defined");
                }
            });
        }
        if (c.getEnv() != null) {
            c.getEnv().forEach(e -> {
                if (e.getValueFrom() != null
                        && e.getValueFrom().getSecretKeyRef() != null
                        && !secrets.contains(e.getValueFrom().getSecretKeyRef().getName())) {
                    problems.add(where + ": Secret "
                            + e.getValueFrom().getSecretKeyRef().getName() + " is not defined");
                }
            });
        }
    }
}
