package dev.scheduling.domain.event;

/** Something that happened to a slot or an appointment, as other services learn of it. */
public sealed interface DomainEvent
        permits SlotLocked, SlotReleased, AppointmentCreated, AppointmentRescheduled, AppointmentCancelled {

    /** The event type of the contract, also its routing key: {@code slot.locked}. */
    String type();
}
