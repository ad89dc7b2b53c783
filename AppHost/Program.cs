using SocialPrescribing;
using SocialPrescribing.AppHost;

var builder = DistributedApplication.CreateBuilder(args);

var infra = builder.AddSuiteInfrastructure();

var intake = builder.AddProject<Projects.ReferralIntake>(ResourceNames.ReferralIntake)
    .WithInfrastructure(infra, infra.ReferralDb);
var cases = builder.AddProject<Projects.CaseManagement>(ResourceNames.CaseManagement)
    .WithInfrastructure(infra, infra.CaseDb);
var directory = builder.AddProject<Projects.ServiceDirectory>(ResourceNames.ServiceDirectory)
    .WithInfrastructure(infra, infra.DirectoryDb);
var wellbeing = builder.AddProject<Projects.WellbeingMetrics>(ResourceNames.WellbeingMetrics)
    .WithInfrastructure(infra, infra.WellbeingDb);
var mail = builder.AddMail(infra);
var notifications = builder.AddProject<Projects.Notifications>(ResourceNames.Notifications)
    .WithInfrastructure(infra, infra.NotificationsDb)
    .WithReference(mail).WaitFor(mail);

// Operators list and replay messages a service could not handle from the dashboard (docs/operations).
var operatorKey = builder.AddParameter("operator-key", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);
intake.WithFailedMessageCommands(operatorKey, "/api/referrals");
cases.WithFailedMessageCommands(operatorKey, "/api/cases");
directory.WithFailedMessageCommands(operatorKey, "/api/directory");
wellbeing.WithFailedMessageCommands(operatorKey, "/api/wellbeing");
notifications.WithFailedMessageCommands(operatorKey, "/api/notifications");

// Services that may run as several copies behind one address (Suite:Replicas:{name}; docs/deploy.md).
foreach (var project in new[] { intake, cases, directory, wellbeing, notifications })
{
    if (int.TryParse(builder.Configuration[$"Suite:Replicas:{project.Resource.Name}"], out var replicas) && replicas > 1)
    {
        project.WithReplicas(replicas);
    }
}

// The link worker's screens read the person's details, search the directory and record scores.
cases.WithReference(intake).WithReference(directory).WithReference(wellbeing).WithReference(notifications);
// "Who looked at my record" (GET /api/people/{id}/access-log) asks every service that holds the person's records.
intake.WithReference(cases).WithReference(directory).WithReference(wellbeing).WithReference(notifications);

var gateway = builder.AddProject<Projects.Gateway>(ResourceNames.Gateway);
var publicUrl = gateway.GetEndpoint("http");

// Operators (and the benchmarks) may raise the public rate limits.
foreach (var limit in new[] { "SelfReferralsPerMinute", "StatusLookupsPerMinute" })
{
    if (builder.Configuration[$"Gateway:{limit}"] is { Length: > 0 } value)
    {
        gateway.WithEnvironment($"Gateway__{limit}", value);
    }
}

if (builder.Configuration["Auth:Authority"] is { Length: > 0 })
{
    // Staff sign in with an external OpenID Connect provider (NHS CIS2, Entra ID): no Identity service.
    var clientSecret = builder.AddParameter("auth-client-secret", secret: true);
    IResourceBuilder<ProjectResource>[] all = [intake, cases, directory, wellbeing, notifications, gateway];
    foreach (var key in new[] { "Authority", "Audience", "RoleClaim", "TeamClaim", "OrganizationClaim", "ClientId", "Scopes" })
    {
        if (builder.Configuration[$"Auth:{key}"] is { Length: > 0 } value)
        {
            foreach (var project in all)
            {
                project.WithEnvironment($"Auth__{key}", value);
            }
        }
    }

    gateway.WithEnvironment("Auth__ClientSecret", clientSecret);
}
else
{
    // The gateway's secret at the Identity service: generated, kept as a secret parameter (a Kubernetes Secret when published).
    var gatewayClientSecret = builder.AddParameter("gateway-client-secret", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true);

    // Tokens name the gateway as their issuer: it is the address people and other systems use.
    var identity = builder.AddProject<Projects.Identity>(ResourceNames.Identity)
        .WithEnvironment("Identity__GatewayClientSecret", gatewayClientSecret)
        .WithInfrastructure(infra, infra.IdentityDb, messaging: false)
        .WithEnvironment("Identity__Issuer", publicUrl)
        // Passkeys belong to the address people use.
        .WithEnvironment("Gateway__PublicBaseUrl", publicUrl)
        .WithEnvironment("Identity__GatewayRedirectUri", ReferenceExpression.Create($"{publicUrl}/signin-oidc"))
        .WithEnvironment("Identity__GatewayPostLogoutRedirectUri", ReferenceExpression.Create($"{publicUrl}/signout-callback-oidc"));

    // Services validate tokens themselves, with keys read from Identity (never through the gateway).
    intake.WithReference(identity);
    cases.WithReference(identity);
    directory.WithReference(identity);
    wellbeing.WithReference(identity);
    notifications.WithReference(identity);
    gateway.WithReference(identity).WaitFor(identity).WithEnvironment("Gateway__ClientSecret", gatewayClientSecret);
}

// Service settings an operator may give the AppHost; each service reads the ones it knows (README).
foreach (var setting in new[] { "Telemetry:TraceSampleRatio", "Messaging:PrefetchCount", "Messaging:QueueType", "Idempotency:RetentionHours", "Directory:DemoServices",
    "Directory:ReminderDays", "Directory:ExpiryDays", "Contact:FirstContactWorkingDays", "Contact:TimeZone", "DataProtection:KeysPath",
    "Gateway:TrustedProxies", "Intake:PhoneNumber", "Session:IdleTimeout", "Session:AbsoluteTimeout", "Identity:KeyRotationDays", "Identity:RequireMfa",
    "DataProtection:CertificatePath", "DataProtection:CertificatePassword", "Privacy:ControllerName", "Privacy:ControllerContact", "Privacy:LawfulBasis",
    "Privacy:Erasure:public-task", "Privacy:Erasure:consent", "Privacy:Erasure:contract", "Privacy:Erasure:legal-obligation", "Privacy:Erasure:vital-interests",
    "Privacy:Erasure:legitimate-interests" })
{
    if (builder.Configuration[setting] is { Length: > 0 } value)
    {
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project).WithEnvironment(setting.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }
}

// Suite:Proxyless=true: each service listens on its own port with no Aspire development proxy in
// front (as deployed; the benchmarks use it). Off by default: the proxies let tests pick free ports.
if (builder.Configuration["Suite:Proxyless"] == "true")
{
    foreach (var project in builder.Resources.OfType<ProjectResource>())
    {
        builder.CreateResourceBuilder(project).WithEndpointProxySupport(false);
    }
}

// Every link a person receives is built from the address people use (Gateway:PublicBaseUrl), never a request's host.
foreach (var project in new[] { intake, cases, directory, wellbeing, notifications, gateway })
{
    project.WithEnvironment("Gateway__PublicBaseUrl", publicUrl);
}

gateway
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(intake).WaitFor(intake)
    .WithReference(cases).WaitFor(cases)
    .WithReference(directory).WaitFor(directory)
    .WithReference(wellbeing).WaitFor(wellbeing)
    .WithReference(notifications).WaitFor(notifications);

builder.Build().Run();
