/**
 * What Parley tells people about (DESIGN.md "Notifications"). The same list is the CHECK
 * constraint of the notifications table (migrations 20261214T091000, 20261215T120000); a kind added here needs
 * a migration that widens it.
 */
export const notificationKinds = [
  "evaluation_released",
  "acknowledgement_due",
  "comment_added",
  "dispute_raised",
  "dispute_assigned",
  "dispute_decided",
  "dispute_overdue",
  "self_evaluation_requested",
  "coaching_plan_created",
  "coaching_session_scheduled",
  "coaching_session_reminder",
  "coaching_action_item_due",
  "coaching_acknowledged",
] as const;

export type NotificationKind = (typeof notificationKinds)[number];

/** How each kind is named where a user chooses what reaches them (inbox list, email preferences). */
export const notificationKindLabels: Record<NotificationKind, string> = {
  evaluation_released: "Feedback released to you",
  acknowledgement_due: "Acknowledgement due",
  comment_added: "New comment in a thread you are in",
  dispute_raised: "Dispute raised",
  dispute_assigned: "Dispute assigned to you",
  dispute_decided: "Dispute decided",
  dispute_overdue: "Dispute overdue",
  self_evaluation_requested: "Asked to self-evaluate a conversation",
  coaching_plan_created: "Coaching plan started for you",
  coaching_session_scheduled: "Coaching session scheduled",
  coaching_session_reminder: "Coaching session reminder",
  coaching_action_item_due: "Coaching action item due",
  coaching_acknowledged: "Coaching acknowledged by the agent",
};
