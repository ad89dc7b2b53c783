using Microsoft.AspNetCore.Mvc;

namespace SocialPrescribing.CaseManagement.Pages.Caseworker;

/// <summary>What the case page's forms send back (each form posts only its own fields).</summary>
public sealed partial class CaseModel
{
    [BindProperty(SupportsGet = true, Name = "done")] public string? Done { get; set; }

    [BindProperty(SupportsGet = true, Name = "search")] public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "need")] public string? Need { get; set; }

    [BindProperty(SupportsGet = true, Name = "instrument")] public string? InstrumentId { get; set; }

    [BindProperty(SupportsGet = true, Name = "timepoint")] public string? Timepoint { get; set; }

    [BindProperty(SupportsGet = true, Name = "mode")] public string? ScoreMode { get; set; }

    [BindProperty] public string? To { get; set; }

    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? MeetingDate { get; set; }

    [BindProperty] public string? MeetingTime { get; set; }

    [BindProperty] public int? MeetingMinutes { get; set; }

    [BindProperty] public string? MeetingMode { get; set; }

    [BindProperty] public string? MeetingPlace { get; set; }

    [BindProperty] public Guid? AppointmentId { get; set; }

    [BindProperty] public string? Outcome { get; set; }

    [BindProperty] public string? ContactMode { get; set; }

    /// <summary>"yes" when the person disclosed a risk at the contact.</summary>
    [BindProperty] public string? Risk { get; set; }

    [BindProperty] public string? Text { get; set; }

    [BindProperty] public string? TaskDescription { get; set; }

    [BindProperty] public string? TaskDue { get; set; }

    [BindProperty] public Guid? TaskId { get; set; }

    [BindProperty] public string? WhatMatters { get; set; }

    [BindProperty] public Guid? ServiceId { get; set; }

    [BindProperty] public Guid? PrescriptionId { get; set; }

    [BindProperty] public string? ServiceName { get; set; }

    [BindProperty] public string? GivenName { get; set; }

    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public bool PersonAgreed { get; set; }

    [BindProperty] public Dictionary<string, string?> Answers { get; set; } = [];

    [BindProperty] public string? CompletedOn { get; set; }

    [BindProperty] public int? FollowUp { get; set; }

    [BindProperty] public string? AssignTo { get; set; }

    [BindProperty] public string? ConcernSubject { get; set; }

    [BindProperty] public string? ConcernCategory { get; set; }

    [BindProperty] public string? ConcernDescription { get; set; }

    /// <summary>"yes" or "no" (the three questions of a concern: none may be left unanswered).</summary>
    [BindProperty] public string? ConcernPersonAware { get; set; }

    [BindProperty] public string? ConcernConsent { get; set; }

    [BindProperty] public string? ConcernDanger { get; set; }
}
