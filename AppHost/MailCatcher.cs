using Microsoft.Extensions.Configuration;

namespace SocialPrescribing.AppHost;

/// <summary>
/// Where the Notifications service sends mail (ConnectionStrings:mail, <c>smtp://host:port</c>). When the suite runs
/// (not when it is published), smtp4dev — the repository's local dotnet tool, installed by ./run.sh — catches every
/// email, and every text sent without GOV.UK Notify (as mail to <c>&lt;number&gt;@sms.local</c>); its page is linked from
/// the dashboard. Published, or with Infra=external, the operator gives the mail server.
/// </summary>
internal static class MailCatcher
{
    public const string ResourceName = "smtp4dev";

    public static IResourceBuilder<IResourceWithConnectionString> AddMail(this IDistributedApplicationBuilder builder, SuiteInfrastructure infra)
    {
        if (!builder.ExecutionContext.IsRunMode || infra.Mode == "external")
        {
            return builder.AddConnectionString(ResourceNames.Mail);
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        // Fixed addresses for people (./run.sh: the page at 8025, SMTP at 2525, as docs/api.md says), free ones for tests side by side.
        var smtpPort = builder.Configuration.GetValue<int?>("Infra:MailSmtpPort") is int smtp and > 0 ? smtp : LocalServers.FreePort();
        var httpPort = builder.Configuration.GetValue<int?>("Infra:MailPort") is int configured and > 0 ? configured : LocalServers.FreePort();
        var root = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var catcher = builder.AddExecutable(ResourceName, "dotnet", root,
                "tool", "run", "smtp4dev", "--", $"--urls=http://127.0.0.1:{httpPort.ToString(invariant)}", $"--smtpport={smtpPort.ToString(invariant)}",
                "--db=", "--imapport=", "--pop3port=", "--hostname=localhost")
            .WithHttpEndpoint(port: httpPort, targetPort: httpPort, name: "http", isProxied: false)
            .WithUrlForEndpoint("http", url => url.DisplayText = "Mail and texts sent (smtp4dev)")
            .WithHttpHealthCheck("/api/messages", endpointName: "http");
        return builder.AddConnectionString(ResourceNames.Mail, ReferenceExpression.Create($"smtp://127.0.0.1:{smtpPort.ToString(invariant)}"))
            .WaitFor(catcher);
    }
}
