namespace SocialPrescribing.ReferralIntake.Model;

public static class ReferralChannel
{
    public const string Self = "self";
    public const string Phone = "phone";
    public const string Professional = "professional";

    public static readonly IReadOnlyList<string> All = [Self, Phone, Professional];
}

public static class GpSharing
{
    public const string None = "none";
    public const string CodesOnly = "codesOnly";
    public const string Full = "full";

    public static readonly IReadOnlyList<string> All = [None, CodesOnly, Full];
}

public static class ContactPreference
{
    public static readonly IReadOnlyList<string> All = ["phone", "email", "text", "letter"];
}
