namespace SocialPrescribing.CaseManagement.Model;

/// <summary>A note on the case: what the link worker wants remembered, with who wrote it and when.</summary>
public sealed class CaseNote
{
    public const int MaxLength = 10_000;

    private CaseNote()
    {
    }

    public Guid Id { get; private set; }

    public string Text { get; private set; } = "";

    public string By { get; private set; } = "";

    public DateTimeOffset At { get; private set; }

    internal static CaseNote Write(string? text, string by, DateTimeOffset now)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new CaseInputException("text", "Write the note.");
        }

        if (trimmed.Length > MaxLength)
        {
            throw new CaseInputException("text", $"A note must be {MaxLength:N0} characters or fewer (this one has {trimmed.Length:N0}).");
        }

        return new CaseNote { Id = Guid.CreateVersion7(now), Text = trimmed, By = by, At = now };
    }
}

/// <summary>Something given for a change to a case is wrong: <see cref="Field"/> names it (answered as 400).</summary>
public sealed class CaseInputException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
