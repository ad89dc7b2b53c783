namespace SocialPrescribing.ServiceDirectory.Features;

/// <summary>How this service's records are named in its audit trail.</summary>
public static class DirectoryAudit
{
    public const string Service = "directory-service";
    public const string Organization = "directory-organization";
}
