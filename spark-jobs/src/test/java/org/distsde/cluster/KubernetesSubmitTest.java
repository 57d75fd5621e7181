package org.distsde.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code submit-scripts/submit-k8s.sh} against a Kubernetes API server (fabric8's mock server, in CRUD
 * mode, on 127.0.0.1): Spark's launcher and {@code SparkSubmit} with {@code --master k8s://...} in
 * cluster deploy mode, not waiting for completion, must create the driver pod with the image, the
 * resources, the distsde arguments and the fields of {@code conf/k8s-pod-template.yaml}, mount the
 * Spark configuration, and upload the experiment config given with {@code --files} so that the driver
 * finds it in its working directory. No pod runs: the mock server schedules nothing.
 */
class KubernetesSubmitTest {
    static final String IMAGE = "registry.example/distsde:0.1.0";
    static final String CONFIG = "fig1-b1-dsgd.json";

    @TempDir
    static Path tmp;
    static KubernetesMockServer server;
    static KubernetesClient client;
    static String log;

    /**
     * The mock's CRUD store with server-side apply of an absent object creating it, as a real API
     * server does (Spark applies the driver's Service and ConfigMaps that way; the mock answers 404).
     */
    static final class ServerSideApply extends KubernetesCrudDispatcher {
        private final KubernetesSerialization json = new KubernetesSerialization();

        @Override
        public MockResponse handlePatch(RecordedRequest request) {
            final String type = request.getHeader("Content-Type");
            final String path = request.getPath().split("\\?")[0];
            if (type != null && type.startsWith("application/apply-patch") && handleGet(path).code() == 404) {
                final GenericKubernetesResource obj = json.unmarshal(request.getBody().readUtf8(),
                        GenericKubernetesResource.class);
                return handleCreate(new RecordedRequest(request.getHttpVersion(), HttpMethod.POST,
                        path.substring(0, path.lastIndexOf('/')), request.getHeaders(),
                        new Buffer(json.asJson(obj).getBytes(StandardCharsets.UTF_8))));
            }
            return super.handlePatch(request);
        }
    }

    @BeforeAll
    static void submit() throws Exception {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ServerSideApply(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        final Path home = ClusterSupport.sparkHome(tmp.resolve("spark"));
        final List<String> cmd = new ArrayList<>(List.of("bash",
                ClusterSupport.ROOT.resolve("submit-scripts/submit-k8s.sh").toString(),
                "--master", "k8s://http://127.0.0.1:" + server.getPort(),
                "--name", "distsde-b1",
                "--conf", "spark.kubernetes.container.image=" + IMAGE,
                "--conf", "spark.kubernetes.namespace=default",
                "--conf", "spark.kubernetes.submission.waitAppCompletion=false",
                "--conf", "spark.kubernetes.file.upload.path=" + tmp.resolve("upload").toUri(),
                "--driver-cores", "2", "--driver-memory", "3g", "--executor-memory", "2g",
                "--files", ClusterSupport.ROOT.resolve("conf/" + CONFIG).toString(),
                "--", "simulate", "--config", CONFIG, "--set", "runs=200", "--out", "hdfs:///results/b1"));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("submit.log").toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("DISTSDE_APP_JAR", "local:///opt/distsde/distsde-app.jar");
        pb.environment().put("KUBECONFIG", tmp.resolve("no-kubeconfig").toString()); // only the --master given
        Files.createDirectories(tmp.resolve("upload"));
        final Process p = pb.start();
        try {
            final boolean done = p.waitFor(3, TimeUnit.MINUTES);
            log = Files.readString(tmp.resolve("submit.log"));
            assertTrue(done, "spark-submit did not return in 3 minutes:\n" + log);
            assertEquals(0, p.exitValue(), log);
        } finally {
            ClusterSupport.kill(p);
        }
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    static Pod driver() {
        final List<Pod> pods = client.pods().inNamespace("default").list().getItems();
        assertEquals(1, pods.size(), "exactly the driver pod (executors are the driver's to create):\n" + log);
        final Pod pod = pods.get(0);
        assertEquals("driver", pod.getMetadata().getLabels().get("spark-role"));
        return pod;
    }

    static Container container(Pod pod) {
        assertEquals(1, pod.getSpec().getContainers().size());
        return pod.getSpec().getContainers().get(0);
    }

    @Test
    void driverPodHasTheImageResourcesAndArguments() {
        final Pod pod = driver();
        final Container c = container(pod);
        assertEquals(IMAGE, c.getImage());
        assertEquals(new Quantity("2"), c.getResources().getRequests().get("cpu"), "--driver-cores");
        // --driver-memory 3g plus Spark's overhead, max(384 MiB, 10 %)
        assertEquals(new Quantity("3456Mi"), c.getResources().getRequests().get("memory"));
        assertEquals(new Quantity("3456Mi"), c.getResources().getLimits().get("memory"));
        assertEquals(List.of("driver", "--properties-file", "/opt/spark/conf/spark.properties", "--class",
                "org.distsde.cli.Main", "local:///opt/distsde/distsde-app.jar", "simulate", "--config", CONFIG, "--set",
                "runs=200", "--out", "hdfs:///results/b1"), c.getArgs());
    }

    @Test
    void podTemplateFieldsSurvive() {
        final Pod pod = driver();
        assertEquals("distsde", pod.getMetadata().getLabels().get("app.kubernetes.io/name"));
        assertEquals(185L, pod.getSpec().getSecurityContext().getRunAsUser());
        assertEquals(Boolean.TRUE, pod.getSpec().getSecurityContext().getRunAsNonRoot());
        assertEquals("Never", pod.getSpec().getRestartPolicy());
        final EnvVar env = container(pod).getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .findFirst().orElseThrow(() -> new AssertionError("JAVA_TOOL_OPTIONS of the template"));
        assertEquals("-XX:+UseG1GC", env.getValue());
    }

    @Test
    void configIsMountedAndTheExperimentConfigShipped() throws Exception {
        final Pod pod = driver();
        final VolumeMount mount = container(pod).getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals("/opt/spark/conf")).findFirst()
                .orElseThrow(() -> new AssertionError("no volume at /opt/spark/conf"));
        final Volume vol = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                .findFirst().orElseThrow();
        assertNotNull(vol.getConfigMap(), "the Spark configuration comes from a ConfigMap");
        final ConfigMap cm = client.configMaps().inNamespace("default").withName(vol.getConfigMap().getName()).get();
        assertNotNull(cm, "the driver's ConfigMap was created");
        final Properties props = new Properties();
        props.load(new StringReader(cm.getData().get("spark.properties")));
        assertEquals("distsde-b1", props.getProperty("spark.app.name"));
        assertEquals("2g", props.getProperty("spark.executor.memory"), "--executor-memory over spark-defaults.conf");
        assertTrue(props.getProperty("spark.executor.extraJavaOptions").contains("--add-opens"),
                "conf/spark-defaults.conf reached the driver");
        // the experiment config: uploaded to spark.kubernetes.file.upload.path, fetched by the driver into
        // its working directory through spark.files, where --config names it
        final String files = props.getProperty("spark.files");
        assertNotNull(files, "spark.files:\n" + cm.getData().get("spark.properties"));
        assertTrue(files.endsWith("/" + CONFIG) && files.startsWith(tmp.resolve("upload").toUri().toString()), files);
        try (Stream<Path> up = Files.walk(tmp.resolve("upload"))) {
            final Path copy = up.filter(f -> f.getFileName().toString().equals(CONFIG)).findFirst().orElseThrow();
            assertArrayEquals(Files.readAllBytes(ClusterSupport.ROOT.resolve("conf/" + CONFIG)), Files.readAllBytes(copy));
        }
    }
}
