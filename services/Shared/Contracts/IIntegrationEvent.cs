namespace SocialPrescribing.Contracts;

/// <summary>An event one service publishes for others: immutable, past tense, with its own id.</summary>
public interface IIntegrationEvent
{
    Guid Id { get; }

    DateTimeOffset OccurredAt { get; }
}
