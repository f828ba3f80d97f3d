//! Placeholder: this task module is being written.
