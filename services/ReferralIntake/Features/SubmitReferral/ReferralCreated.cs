using SocialPrescribing.ReferralIntake.Model;

namespace SocialPrescribing.ReferralIntake.Features.SubmitReferral;

public sealed record ReferralCreated(Guid Id, string Reference, string Status, bool Urgent, CrisisSupport? CrisisSupport)
{
    public static ReferralCreated From(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return new(referral.Id, referral.Reference, referral.Status, referral.Urgent, referral.Urgent ? CrisisSupport.Routes : null);
    }
}

/// <summary>Where to get help now: shown whenever a risk answer is yes.</summary>
public sealed record CrisisSupport(string Message, IReadOnlyList<CrisisContact> Contacts)
{
    public static readonly CrisisSupport Routes = new(
        "You told us you may be at risk. Please do not wait for us to contact you. Your referral is marked urgent and will be reviewed today.",
        [
            new("Emergency services", "999", "If you or someone else is in danger now."),
            new("NHS 111", "111", "For urgent help with your mental health, any time."),
            new("Samaritans", "116 123", "Free, any time, to talk to someone."),
        ]);
}

public sealed record CrisisContact(string Name, string Number, string When);
