//! The NATS JetStream queue: how a deployment spreads processing over several `chat2task worker`
//! processes.
//!
//! The door archives the message in the store first (so it is durable before it is acknowledged),
//! then publishes its archive id on `chat2task.messages` in the `CHAT2TASK` stream. Workers pull
//! from the durable consumer `workers` with explicit acks: a message is acked only after it was
//! processed, so a worker killed mid-batch leaves its messages to be redelivered to another, and
//! the store's idempotent effects make the redelivery harmless.

use std::time::Duration;

use async_nats::jetstream::{self, consumer, stream};
use futures::StreamExt;

use crate::ingest::worker::Worker;

/// Stream name.
pub const STREAM: &str = "CHAT2TASK";
/// Subject the doors publish archive ids on.
pub const SUBJECT: &str = "chat2task.messages";
/// Durable consumer shared by all workers.
pub const CONSUMER: &str = "workers";

/// Errors talking to NATS.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("nats: {0}")]
    Nats(String),
}

fn nats_err(e: impl std::fmt::Display) -> Error {
    Error::Nats(e.to_string())
}

/// Connects and makes sure the stream exists.
pub async fn connect(url: &str) -> Result<jetstream::Context, Error> {
    let client = async_nats::connect(url).await.map_err(nats_err)?;
    let js = jetstream::new(client);
    js.get_or_create_stream(stream::Config {
        name: STREAM.to_string(),
        subjects: vec![SUBJECT.to_string()],
        retention: stream::RetentionPolicy::WorkQueue,
        ..Default::default()
    })
    .await
    .map_err(nats_err)?;
    Ok(js)
}

/// Publishes one archive id and waits for the server's ack.
pub async fn publish(js: &jetstream::Context, message_id: i64) -> Result<(), Error> {
    let ack = js.publish(SUBJECT, message_id.to_string().into()).await.map_err(nats_err)?;
    ack.await.map_err(nats_err)?;
    Ok(())
}

/// Pulls archive ids and processes them until the stream ends or `limit` messages were handled.
///
/// Each id is acked after its message was processed (or found already processed); a failed
/// processing is nak'ed for redelivery after a delay.
pub async fn run_worker(js: &jetstream::Context, worker: &Worker, limit: Option<usize>) -> Result<usize, Error> {
    let stream = js.get_stream(STREAM).await.map_err(nats_err)?;
    let consumer: consumer::PullConsumer = stream
        .get_or_create_consumer(
            CONSUMER,
            consumer::pull::Config {
                durable_name: Some(CONSUMER.to_string()),
                ack_policy: consumer::AckPolicy::Explicit,
                ack_wait: Duration::from_secs(30),
                max_deliver: 10,
                ..Default::default()
            },
        )
        .await
        .map_err(nats_err)?;
    let mut messages = consumer.messages().await.map_err(nats_err)?;
    let mut handled = 0;
    while let Some(delivery) = messages.next().await {
        let delivery = delivery.map_err(nats_err)?;
        let id: Option<i64> = std::str::from_utf8(&delivery.payload).ok().and_then(|s| s.trim().parse().ok());
        match id {
            None => {
                tracing::warn!("dropping a queue entry that is not an archive id");
                delivery.ack().await.map_err(nats_err)?;
            }
            Some(id) => match worker.process_id(id).await {
                Ok(_) => delivery.ack().await.map_err(nats_err)?,
                Err(crate::store::Error::NotFound(_)) => {
                    // Not in this store (a stale entry from another deployment): redelivering
                    // it would never succeed.
                    tracing::warn!(message_id = id, "queue entry names no archived message; dropped");
                    delivery.ack().await.map_err(nats_err)?;
                }
                Err(e) => {
                    tracing::warn!(message_id = id, error = %e, "processing failed; will be redelivered");
                    delivery.ack_with(jetstream::AckKind::Nak(Some(Duration::from_secs(5)))).await.map_err(nats_err)?;
                }
            },
        }
        handled += 1;
        if limit.is_some_and(|l| handled >= l) {
            break;
        }
    }
    Ok(handled)
}
