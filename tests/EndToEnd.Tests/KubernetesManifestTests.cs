using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

// GetEnvironmentVariableValuesAsync is obsolete in favour of ExecutionConfigurationBuilder; it still reads the model as published.
#pragma warning disable CS0618

namespace SocialPrescribing.EndToEnd.Tests;

/// <summary>
/// deploy/kubernetes/socialprescribing.yaml is generated from the AppHost's model as it is published
/// (external PostgreSQL and RabbitMQ, quorum queues, replicas): every project, its settings and its
/// references. This test fails when the model and the checked-in file differ; run it with
/// SP_WRITE_MANIFESTS=1 to write the file again (docs/deploy.md).
/// </summary>
public sealed partial class KubernetesManifestTests
{
    private const string SecretName = "socialprescribing";
    private const string ConfigName = "socialprescribing";
    private const int Port = 8080;

    /// <summary>The volume claim the cluster supplies for services with several copies: their shared keys (docs/deploy.md).</summary>
    private const string KeysClaim = "socialprescribing-keys";
    private const string KeysPath = "/var/lib/socialprescribing/keys";

    /// <summary>Services that run as several copies in the published model (competing consumers; docs/deploy.md).</summary>
    private static readonly Dictionary<string, int> Replicas = new(StringComparer.Ordinal)
    {
        [ResourceNames.ReferralIntake] = 2,
        [ResourceNames.CaseManagement] = 2,
        [ResourceNames.Gateway] = 2,
    };

    [Fact]
    public async Task The_checked_in_Kubernetes_manifests_are_generated_from_the_AppHost_model()
    {
        var generated = await GenerateAsync();
        var path = Path.Combine(RepositoryRoot(), "deploy", "kubernetes", "socialprescribing.yaml");
        if (Environment.GetEnvironmentVariable("SP_WRITE_MANIFESTS") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
        }

        Assert.True(File.Exists(path), $"{path} is missing: run this test with SP_WRITE_MANIFESTS=1");
        Assert.Equal(generated, await File.ReadAllTextAsync(path));
    }

    private static async Task<string> GenerateAsync()
    {
        string[] settings =
        [
            "Infra=external", "Messaging:QueueType=quorum",
            .. Replicas.Select(r => $"Suite:Replicas:{r.Key}={r.Value}"),
            // Placeholders: the published model names connection strings and secrets, the cluster supplies them.
            .. new[] { ResourceNames.Messaging, ResourceNames.ReferralDb, ResourceNames.CaseDb, ResourceNames.DirectoryDb, ResourceNames.WellbeingDb, ResourceNames.IdentityDb }
                .Select(name => $"ConnectionStrings:{name}=from-the-cluster"),
            "Parameters:operator-key=from-the-cluster", "Parameters:gateway-client-secret=from-the-cluster",
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(settings);
        var yaml = new StringBuilder("""
            # Generated from the AppHost model by tests/EndToEnd.Tests/KubernetesManifestTests.cs: do not edit by hand.
            # The cluster supplies the secret "socialprescribing" (connection strings, operator key, gateway client
            # secret), the TLS secret "socialprescribing-tls" (the certificate of the public host), the config map
            # "socialprescribing" (public-url, trusted-proxies, otlp-endpoint) and, for the Identity service and the
            # services that run as several copies, the ReadWriteMany volume claim "socialprescribing-keys"; docs/deploy.md
            # explains them.

            """);
        foreach (var project in builder.Resources.OfType<ProjectResource>().OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var environment = await project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
            var replicas = project.TryGetLastAnnotation<ReplicaAnnotation>(out var annotation) ? annotation.Replicas : 1;
            WriteDeployment(yaml, project.Name, replicas, environment);
            WriteService(yaml, project.Name);
            if (project.Name == ResourceNames.Gateway)
            {
                WriteIngress(yaml, project.Name);
            }

            if (replicas > 1)
            {
                WriteDisruptionBudget(yaml, project.Name);
            }
        }

        return yaml.ToString();
    }

    private static void WriteDeployment(StringBuilder yaml, string name, int replicas, IReadOnlyDictionary<string, string> environment)
    {
        yaml.Append(CultureInfo.InvariantCulture, $$"""
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{name}}
              labels: {{Labels(name)}}
            spec:
              replicas: {{replicas}}
              selector:
                matchLabels: {{Labels(name)}}
              template:
                metadata:
                  labels: {{Labels(name)}}
                spec:
                  # SIGTERM first: requests in flight finish, consumers stop between messages (20 s in the service).
                  terminationGracePeriodSeconds: 30
                  containers:
                    - name: {{name}}
                      image: {{Quote($"ghcr.io/socialprescribing/{name}:latest")}}
                      ports:
                        - name: http
                          containerPort: {{Port}}
                      readinessProbe:
                        httpGet: { path: /health, port: http }
                        periodSeconds: 10
                      livenessProbe:
                        httpGet: { path: /alive, port: http }
                        periodSeconds: 20
                      resources:
                        requests: { cpu: 250m, memory: 256Mi }
                        limits: { memory: 512Mi }
                      env:
                        - name: PUBLIC_URL
                          valueFrom: { configMapKeyRef: { name: socialprescribing, key: public-url } }

            """);
        foreach (var (key, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (key.StartsWith("OTEL_", StringComparison.Ordinal) || key.StartsWith("DOTNET_", StringComparison.Ordinal)
                || key.StartsWith("LOGGING__", StringComparison.Ordinal) || key == "ASPNETCORE_FORWARDEDHEADERS_ENABLED")
            {
                continue; // development-time settings of the Aspire dashboard
            }

            yaml.Append(CultureInfo.InvariantCulture, $"            - name: {key}\n");
            yaml.Append(EnvironmentValue(key, value));
        }

        if (name == ResourceNames.Gateway)
        {
            // The Ingress controller in front terminates TLS: its X-Forwarded-For / -Proto are trusted, nobody else's.
            yaml.Append("            - name: Gateway__TrustedProxies\n")
                .Append("              valueFrom: { configMapKeyRef: { name: socialprescribing, key: trusted-proxies } }\n");
        }

        yaml.Append("            - name: OTEL_EXPORTER_OTLP_ENDPOINT\n")
            .Append("              valueFrom: { configMapKeyRef: { name: socialprescribing, key: otlp-endpoint } }\n")
            .Append("            - name: OTEL_SERVICE_NAME\n")
            .Append(CultureInfo.InvariantCulture, $"              value: {Quote(name)}\n");
        if (replicas > 1 || name == ResourceNames.Identity)
        {
            // Copies read each other's cookies and form tokens only with keys they share (ServiceDefaults' KeysPathSetting);
            // the Identity service's token keys are encrypted with its key ring, which must outlive the pod.
            yaml.Append(CultureInfo.InvariantCulture, $$"""
                            - name: DataProtection__KeysPath
                              value: {{Quote(KeysPath)}}
                          volumeMounts:
                            - name: keys
                              mountPath: {{Quote(KeysPath)}}
                      volumes:
                        - name: keys
                          persistentVolumeClaim: { claimName: {{KeysClaim}} }

                """);
        }
    }

    /// <summary>A published value: a secret, a setting of the cluster, another service's address, or itself.</summary>
    private static string EnvironmentValue(string key, string value)
    {
        const string indent = "              ";
        if (key == "ASPNETCORE_URLS")
        {
            return $"{indent}value: {Quote($"http://+:{Port}")}\n";
        }

        if (key == "ASPNETCORE_ENVIRONMENT")
        {
            return $"{indent}value: \"Production\"\n";
        }

        if (SecretReference().Match(value) is { Success: true } secret)
        {
            return $"{indent}valueFrom: {{ secretKeyRef: {{ name: {SecretName}, key: {secret.Groups["name"].Value} }} }}\n";
        }

        // Another service by its Kubernetes name; the gateway's own address is the public one (PUBLIC_URL, set first).
        var resolved = Binding().Replace(value, match => match.Groups["name"].Value == ResourceNames.Gateway
            ? "$(PUBLIC_URL)"
            : $"http://{match.Groups["name"].Value}:{Port}");
        return $"{indent}value: {Quote(resolved)}\n";
    }

    private static void WriteService(StringBuilder yaml, string name) => yaml.Append(CultureInfo.InvariantCulture, $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          labels: {Labels(name)}
        spec:
          type: ClusterIP
          selector: {Labels(name)}
          ports:
            - name: http
              port: {Port}
              targetPort: http

        """);

    /// <summary>
    /// The one way in from outside: TLS ends at the cluster's Ingress controller (the certificate in the
    /// secret "socialprescribing-tls"), which passes plain HTTP to the gateway inside the cluster. The host
    /// is a placeholder: replace it with the host of the config map's public-url.
    /// </summary>
    private static void WriteIngress(StringBuilder yaml, string name) => yaml.Append(CultureInfo.InvariantCulture, $"""
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: {name}
          labels: {Labels(name)}
          annotations:
            nginx.ingress.kubernetes.io/ssl-redirect: "true"
            nginx.ingress.kubernetes.io/proxy-body-size: "16m"
        spec:
          tls:
            - hosts: ["socialprescribing.example.nhs.uk"]
              secretName: socialprescribing-tls
          rules:
            - host: socialprescribing.example.nhs.uk
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: {name}
                        port:
                          name: http

        """);

    private static void WriteDisruptionBudget(StringBuilder yaml, string name) => yaml.Append(CultureInfo.InvariantCulture, $"""
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: {name}
          labels: {Labels(name)}
        spec:
          minAvailable: 1
          selector:
            matchLabels: {Labels(name)}

        """);

    private static string Labels(string name) => $"{{ app.kubernetes.io/name: {name}, app.kubernetes.io/part-of: socialprescribing }}";

    private static readonly JsonSerializerOptions Plain = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A YAML double-quoted scalar (JSON's string syntax is valid YAML).</summary>
    private static string Quote(string value) => JsonSerializer.Serialize(value, Plain);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SocialPrescribing.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("SocialPrescribing.sln not found above the test's folder.");
    }

    // {referraldb.connectionString}, {operator-key.value}
    [GeneratedRegex(@"^\{(?<name>[a-z0-9-]+)\.(connectionString|value)\}$")]
    private static partial Regex SecretReference();

    // {identity.bindings.http.url}
    [GeneratedRegex(@"\{(?<name>[a-z0-9-]+)\.bindings\.http\.url\}")]
    private static partial Regex Binding();
}
