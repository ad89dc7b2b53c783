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

builder.AddProject<Projects.Gateway>(ResourceNames.Gateway)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints()
    .WithReference(intake).WaitFor(intake)
    .WithReference(cases).WaitFor(cases)
    .WithReference(directory).WaitFor(directory)
    .WithReference(wellbeing).WaitFor(wellbeing);

builder.Build().Run();
