using Microsoft.Extensions.Compliance.Classification;

namespace SocialPrescribing.Privacy;

/// <summary>
/// The suite's data classes. Anything that identifies a person or says something about them is
/// classified where it is declared: on model properties and on logging parameters. The logging
/// pipeline erases classified values before any provider (console, OpenTelemetry) sees them, so a
/// log line can say that something happened without saying to whom.
/// </summary>
public static class PersonalDataTaxonomy
{
    public const string Name = "SocialPrescribing";

    /// <summary>Identifies a person or how to reach them: name, date of birth, NHS number, phone, email, address, postcode, user name.</summary>
    public static DataClassification Identifying { get; } = new(Name, nameof(Identifying));

    /// <summary>What a person or worker wrote: reasons, notes, answers. May hold special category (health) data.</summary>
    public static DataClassification FreeText { get; } = new(Name, nameof(FreeText));

    /// <summary>Both classes: everything that must never reach telemetry.</summary>
    public static DataClassificationSet All { get; } = new([Identifying, FreeText]);
}

/// <summary>Identifies a person or how to reach them. Erased from logs.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue)]
public sealed class IdentifyingAttribute() : DataClassificationAttribute(PersonalDataTaxonomy.Identifying);

/// <summary>Free text a person or worker wrote; may hold health data. Erased from logs.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter | AttributeTargets.ReturnValue)]
public sealed class FreeTextAttribute() : DataClassificationAttribute(PersonalDataTaxonomy.FreeText);
