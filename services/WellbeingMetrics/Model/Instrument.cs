namespace SocialPrescribing.WellbeingMetrics.Model;

/// <summary>A row of the instruments table: the id plus its definition as JSON.</summary>
public sealed class Instrument
{
    public string Id { get; set; } = "";

    public InstrumentDefinition Definition { get; set; } = null!;

    public bool BuiltIn { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}
