namespace SocialPrescribing.WebUI;

/// <summary>One labelled text field of a staff form, with its hint and its mistake (if any).</summary>
public sealed record FieldView(string Id, string Name, string Label, string? Value, string? Error)
{
    public string? Hint { get; init; }

    /// <summary>An NHS.UK width class (<c>nhsuk-input--width-10</c>); empty for full width.</summary>
    public string Width { get; init; } = "";

    public string Type { get; init; } = "text";

    public string? InputMode { get; init; }

    public string Autocomplete { get; init; } = "off";

    /// <summary>More than 0: a text area of this many rows.</summary>
    public int Rows { get; init; }
}
