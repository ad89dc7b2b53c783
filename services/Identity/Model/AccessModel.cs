namespace SocialPrescribing.Identity.Model;

/// <summary>The roles staff hold (API.md).</summary>
public static class Roles
{
    public const string CallHandler = "callhandler";
    public const string LinkWorker = "linkworker";
    public const string Provider = "provider";
    public const string Manager = "manager";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [CallHandler, LinkWorker, Provider, Manager, Admin];
}

/// <summary>Scopes a client may ask for, and the audience of the suite's access tokens.</summary>
public static class ApiScopes
{
    public const string Api = "api";
    public const string ReferralsWrite = "referrals:write";
    public const string Audience = "socialprescribing-api";
}

/// <summary>Claims the services read from access tokens.</summary>
public static class SuiteClaims
{
    public const string Team = "team";
    public const string Organization = "organization";
}
