namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>A row of the instruments table: the id plus its definition as JSON.</summary>
public sealed class Instrument
{
    public string Id { get; set; } = "";

    public InstrumentDefinition Definition { get; set; } = null!;

    public bool BuiltIn { get; set; }

    public DateTimeOffset AddedAt { get; set; }

    /// <summary>The admin who added it (user id); null for the built-in ones.</summary>
    public string? AddedBy { get; set; }
}
