"""AWS adapters: DynamoDB records, S3 blobs, SES mail, Step Functions and SQS starters, secrets.

The only modules of the package that import boto3 (with the other adapters).
Clients come from the cached factories in clients.py, built on first use,
never at import time.
"""
