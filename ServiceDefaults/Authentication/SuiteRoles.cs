namespace SocialPrescribing.Authentication;

/// <summary>The roles staff hold (API.md): issued by the Identity service, required by the services.</summary>
public static class SuiteRoles
{
    public const string CallHandler = "callhandler";
    public const string LinkWorker = "linkworker";
    public const string Provider = "provider";
    public const string Manager = "manager";
    public const string Admin = "admin";

    /// <summary>A GP, nurse, housing officer, teacher… who refers people through the professional form.</summary>
    public const string Professional = "professional";

    /// <summary>The safeguarding lead: acts on the safeguarding concerns link workers raise (and reads no case).</summary>
    public const string Safeguarding = "safeguarding";

    public static readonly IReadOnlyList<string> All = [CallHandler, LinkWorker, Provider, Manager, Admin, Professional, Safeguarding];
}
