namespace SocialPrescribing;

/// <summary>
/// Names of the AppHost's resources. The AppHost, the services and the tests all use these,
/// so a name is typed once (Aspire passes connection strings as ConnectionStrings__{name}).
/// </summary>
public static class ResourceNames
{
    public const string Postgres = "postgres";
    public const string Messaging = "messaging";

    public const string ReferralDb = "referraldb";
    public const string CaseDb = "casedb";
    public const string DirectoryDb = "directorydb";
    public const string WellbeingDb = "wellbeingdb";
    public const string IdentityDb = "identitydb";
    public const string NotificationsDb = "notificationsdb";

    /// <summary>The outgoing mail server (in development, smtp4dev): <c>smtp://host:port</c>.</summary>
    public const string Mail = "mail";

    public const string ReferralIntake = "referral-intake";
    public const string CaseManagement = "case-management";
    public const string ServiceDirectory = "service-directory";
    public const string WellbeingMetrics = "wellbeing-metrics";
    public const string Identity = "identity";
    public const string Notifications = "notifications";
    public const string Gateway = "gateway";
}
