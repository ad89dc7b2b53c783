namespace SocialPrescribing.Notifications.Model;

/// <summary>Whose a referral is: case events name referrals, and a message goes to the person behind them.</summary>
public sealed class ReferralPerson
{
    public Guid ReferralId { get; private set; }

    public Guid PersonId { get; private set; }

    private ReferralPerson()
    {
    }

    public ReferralPerson(Guid referralId, Guid personId)
    {
        ReferralId = referralId;
        PersonId = personId;
    }
}
