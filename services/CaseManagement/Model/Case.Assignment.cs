using SocialPrescribing.Contracts;

namespace SocialPrescribing.CaseManagement.Model;

/// <summary>Who holds a case: given by a manager, or taken by a link worker of its team.</summary>
public sealed partial class Case
{

    /// <summary>Gives the case to a link worker (by their user id); nothing changes if they already hold it.</summary>
    public CaseAssigned? AssignTo(string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (IsClosed)
        {
            throw new CaseClosedException(Step);
        }

        if (AssignedTo == userId)
        {
            return null;
        }

        AssignedTo = userId;
        UpdatedAt = now;
        return new CaseAssigned(Guid.CreateVersion7(now), now, Id, ReferralIds, userId);
    }

    /// <summary>A link worker takes an unassigned case of their team (from the same-day queue, say); refused when a colleague holds it.</summary>
    public CaseAssigned? Take(string userId, DateTimeOffset now)
    {
        if (AssignedTo is { } holder && holder != userId)
        {
            throw new CaseHeldException();
        }

        return AssignTo(userId, now);
    }
}
